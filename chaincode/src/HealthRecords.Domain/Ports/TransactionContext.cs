namespace HealthRecords.Domain.Ports;

/// <summary>A plain <see cref="ITransactionContext"/>: adapters and tests fill it from the stub or by hand.</summary>
/// <param name="TxId">The transaction id.</param>
/// <param name="Timestamp">The channel header's timestamp.</param>
/// <param name="Caller">The proposal's creator.</param>
/// <param name="Ledger">The world state; not disposed by the domain.</param>
/// <param name="Binding">The proposal's binding (see <see cref="ITransactionContext.Binding"/>).</param>
public sealed record TransactionContext(string TxId, DateTimeOffset Timestamp, Caller Caller, ILedger Ledger, ReadOnlyMemory<byte> Binding)
    : ITransactionContext;
