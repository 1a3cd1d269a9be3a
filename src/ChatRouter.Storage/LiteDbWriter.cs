using System.Threading.Channels;
using LiteDB;

namespace ChatRouter.Storage;

/// <summary>
/// Group commit: every write to the file goes through one thread that runs whatever writes are waiting in
/// one transaction, then flushes the log to disk once (see <see cref="LogStream"/>). A disk flush costs
/// milliseconds, so flushing per write would cap the server at a few hundred writes a second; batching keeps
/// each caller's guarantee (its write is on disk when its task completes) at a fraction of the cost. A write that throws is isolated: the batch is rolled back and its writes are
/// retried one transaction each, so one bad write never takes the others down.
/// </summary>
internal sealed class LiteDbWriter : IDisposable
{
    private const int MaxBatch = 512;

    private readonly LiteDatabase _database;
    private readonly LogStream? _log;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public LiteDbWriter(LiteDatabase database, LogStream? log)
    {
        _database = database;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "ChatRouter LiteDB writer" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="write"/> on the writer thread inside a transaction; completes once committed.</summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write)
    {
        var work = new Work(db => write(db), new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(work)) throw new ObjectDisposedException(nameof(LiteDbWriter), "The store is closed; no more writes are accepted.");
        return Cast<T>(work.Completion.Task);
    }

    /// <summary>Like <see cref="WriteAsync{T}"/> for writes without a result.</summary>
    public Task WriteAsync(Action<LiteDatabase> write) => WriteAsync<object?>(db =>
    {
        write(db);
        return null;
    });

    private static async Task<T> Cast<T>(Task<object?> task) => (T)(await task)!;

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<Work>(MaxBatch);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var work)) batch.Add(work);
            if (batch.Count > 0) Execute(batch);
        }
    }

    private void Execute(List<Work> batch)
    {
        var results = new object?[batch.Count];
        try
        {
            _database.BeginTrans();
            for (var i = 0; i < batch.Count; i++) results[i] = batch[i].Write(_database);
            _database.Commit();
            _log?.FlushToDisk();
        }
        catch (Exception) when (batch.Count > 1)
        {
            _database.Rollback();
            foreach (var work in batch) Execute([work]);
            return;
        }
        catch (Exception e)
        {
            _database.Rollback();
            batch[0].Completion.TrySetException(e);
            return;
        }

        for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
    }

    /// <summary>Finishes the writes already queued, then stops.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }

    private sealed record Work(Func<LiteDatabase, object?> Write, TaskCompletionSource<object?> Completion);
}
