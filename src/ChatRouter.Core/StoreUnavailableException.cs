namespace ChatRouter;

/// <summary>
/// The store cannot be opened or reached (a locked or unreadable file, a wrong password, a database that does
/// not answer). Its message is one line for an operator: what, where, and the fix; never a secret.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public StoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with an operator-facing message.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }
}
