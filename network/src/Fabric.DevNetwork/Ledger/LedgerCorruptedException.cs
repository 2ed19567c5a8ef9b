namespace Fabric.DevNetwork.Ledger;

/// <summary>The block store is damaged in a way recovery must not paper over (a bad block before the last one, a broken hash chain).</summary>
public sealed class LedgerCorruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerCorruptedException()
        : base("The ledger's block store is corrupt.")
    {
    }

    /// <summary>Creates the exception with a message naming the file and position.</summary>
    public LedgerCorruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LedgerCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
