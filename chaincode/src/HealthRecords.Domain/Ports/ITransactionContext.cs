namespace HealthRecords.Domain.Ports;

/// <summary>What the domain knows about the transaction it runs in.</summary>
public interface ITransactionContext
{
    /// <summary>The Fabric transaction id (lowercase hex); every id the domain creates derives from it.</summary>
    string TxId { get; }

    /// <summary>The timestamp in the transaction's channel header: the only clock the domain uses.</summary>
    DateTimeOffset Timestamp { get; }

    /// <summary>The identity that signed the proposal, with its certificate attributes.</summary>
    Caller Caller { get; }

    /// <summary>The world state of the channel the transaction runs on.</summary>
    ILedger Ledger { get; }
}
