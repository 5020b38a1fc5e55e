namespace Observatory.Reports.Store;

/// <summary>A database problem a user can fix (locked, corrupt, newer schema), with the file named.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
