// The chaincode's function names are the constants generated on the contracts' function table, so a
// renamed or removed function breaks the client's build instead of its first call.
global using Functions = HealthRecords.Domain.Contracts.HealthRecordsFunctionTable;
