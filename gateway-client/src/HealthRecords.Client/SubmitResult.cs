namespace HealthRecords.Client;

/// <summary>
/// What a submitted chaincode function returned once its transaction committed, and how many earlier
/// attempts were abandoned because they wrote nothing (see <see cref="HealthRecordsClientOptions.SubmitRetry"/>).
/// </summary>
/// <typeparam name="TResponse">The function's response contract.</typeparam>
/// <param name="Response">The chaincode's response, from the transaction that committed.</param>
/// <param name="Retries">
/// How many new proposals were made after an attempt failed without writing anything (an endorsement
/// mismatch or a read conflict at commit); 0 when the first attempt committed.
/// </param>
public sealed record SubmitResult<TResponse>(TResponse Response, int Retries);
