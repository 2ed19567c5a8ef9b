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

    /// <summary>
    /// Fabric's proposal binding, SHA-256(nonce || creator || epoch): the same on every endorser, and not
    /// computable from anything the chaincode returns (the transaction id hashes the nonce without the epoch
    /// and under another construction). Record salts derive from it (docs/merkle.md, "Record leaves").
    /// </summary>
    ReadOnlyMemory<byte> Binding { get; }
}
