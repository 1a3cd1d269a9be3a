namespace ChatRouter.Server.Hosting;

/// <summary>The server cannot start as configured; the message is one line naming what and the fix (<c>serve</c> prints it and exits 2).</summary>
public sealed class ServeStartupException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public ServeStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an operator-facing message and its cause.</summary>
    public ServeStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ServeStartupException()
    {
    }
}
