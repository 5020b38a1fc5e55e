namespace Observatory.Reports.Store;

/// <summary>A database problem a user can fix (locked, corrupt, newer schema, full disk), with the file named and the cause.</summary>
public sealed class StoreException(string message, Exception? inner = null, StoreProblem problem = StoreProblem.Other) : Exception(message, inner)
{
    public StoreProblem Problem { get; } = problem;
}
