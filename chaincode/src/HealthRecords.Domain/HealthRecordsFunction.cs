namespace HealthRecords.Domain;

/// <summary>One chaincode transaction function of <see cref="HealthRecordsDispatcher"/>.</summary>
/// <param name="Name">The function name clients call, e.g. <c>AddRecord</c>.</param>
/// <param name="IsSubmit">True if it writes (clients must submit it); false for queries (clients evaluate them).</param>
/// <param name="RequestType">The request contract (the function's one JSON argument).</param>
/// <param name="ResponseType">The response contract (the JSON payload it returns).</param>
/// <param name="Description">What it does, from its row in <see cref="Contracts.HealthRecordsFunctionTable"/>.</param>
public sealed record HealthRecordsFunction(string Name, bool IsSubmit, Type RequestType, Type ResponseType, string Description);
