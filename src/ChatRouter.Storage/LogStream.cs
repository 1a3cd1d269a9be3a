namespace ChatRouter.Storage;

/// <summary>
/// LiteDB's log (WAL) file, with its disk flush taken over by the group-commit writer. LiteDB 5.0.20 flushes
/// the log to disk after every page it writes (its async page writer runs inline on the committing thread
/// and fsyncs whenever its queue is empty), which cost about 6 ms per page here: about 200 ms for one
/// batch of turns. The pages still reach the operating system before Commit returns (a killed process loses
/// nothing); <see cref="LiteDbWriter"/> then makes the batch durable on disk with one flush.
/// </summary>
internal sealed class LogStream(FileStream file) : Stream
{
    public override bool CanRead => file.CanRead;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => file.CanWrite;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    /// <summary>Deferred: see <see cref="FlushToDisk"/>.</summary>
    public override void Flush()
    {
    }

    /// <summary>Makes everything written so far durable on disk.</summary>
    public void FlushToDisk() => file.Flush(flushToDisk: true);

    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value) => file.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Flush(flushToDisk: true);
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
