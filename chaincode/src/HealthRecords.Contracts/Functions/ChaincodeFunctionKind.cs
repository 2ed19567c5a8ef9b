namespace HealthRecords.Domain.Contracts;

/// <summary>Whether clients submit a chaincode function (it writes) or evaluate it (a query).</summary>
public enum ChaincodeFunctionKind
{
    /// <summary>Writes the ledger: clients submit it for endorsement and ordering.</summary>
    Submit = 1,

    /// <summary>Reads only: clients evaluate it on one peer.</summary>
    Evaluate = 2,
}
