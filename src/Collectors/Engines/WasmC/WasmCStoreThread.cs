using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// One thread that owns a wasm.h engine and its stores for their whole life. WAMR allows a store
/// and every object made in it on one thread only (a store touched from a second thread hangs);
/// callers that hop threads (the spec worker runs each file on a fresh thread) hand their work to
/// this thread instead, and wait for it. The stack is large because wasm recursion runs on it.
/// </summary>
public sealed class WasmCStoreThread : IDisposable
{
    private readonly BlockingCollection<Action> work = new();
    private readonly Thread thread;

    public WasmCStoreThread(int stackBytes)
    {
        thread = new Thread(() =>
        {
            foreach (var item in work.GetConsumingEnumerable()) item();
        }, stackBytes) { IsBackground = true, Name = "wasm.h store owner" };
        thread.Start();
    }

    /// <summary>The owning thread's managed id.</summary>
    public int ThreadId => thread.ManagedThreadId;

    /// <summary>Runs <paramref name="f"/> on the owning thread and returns its result; its exception is rethrown here, unchanged.</summary>
    public T Run<T>(Func<T> f)
    {
        if (Environment.CurrentManagedThreadId == thread.ManagedThreadId) return f();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        work.Add(() =>
        {
            try { result = f(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
            finally { done.Set(); }
        });
        done.Wait();
        failure?.Throw();
        return result;
    }

    public void Run(Action a) => Run(() => { a(); return 0; });

    public void Dispose()
    {
        work.CompleteAdding();
        if (Environment.CurrentManagedThreadId != thread.ManagedThreadId) thread.Join();
        work.Dispose();
    }
}
