// A hospital shares an encrypted lab result with a clinic, under the patient's consent, through the
// HealthRecords.Client NuGet package. Run it against a network whose connection profile has the
// dev network's identities (alice, hospital-doctor, clinic-doctor):
//
//   dotnet run --project samples/HealthRecords.Sample -- [path/to/connection-profile.json]
//
// The profile path defaults to $HREC_PROFILE, then .devnet/connection-profile.json.
//
// The application owns the gRPC channels: it creates one GrpcChannel per peer, puts its own interceptor
// (CallLogger) over each, and passes them to the gateway, which never disposes them. OpenTelemetry's
// console exporter prints the gateway's spans (one per step, with Grpc.Net.Client's under them) and metrics.
using System.Security.Cryptography;
using System.Text;
using Hyperledger.Fabric.Gateway;
using Grpc.Core;
using Grpc.Core.Interceptors;
using HealthRecords.Sample;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using HealthRecords.Client;
using HealthRecords.Client.OffChain;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;
using HealthRecords.Client.Profiles;

const string PatientId = "pt-alice";
var profilePath = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("HREC_PROFILE") ?? ".devnet/connection-profile.json";
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var ct = timeout.Token;

var profile = ConnectionProfile.Load(profilePath);

using var tracing = Sdk.CreateTracerProviderBuilder()
    .AddSource(GatewayTelemetry.Name)
    .AddGrpcClientInstrumentation()
    .AddConsoleExporter()
    .Build();
using var metrics = Sdk.CreateMeterProviderBuilder()
    .AddMeter(GatewayTelemetry.Name)
    .AddConsoleExporter()
    .Build();

// One channel per peer, shared by the three clients below; disposed last (declared first).
var channels = profile.CreateGatewayOptions("alice").Endpoints.ToDictionary(e => e.Address, e => GatewayChannels.ForEndpoint(e));
using var closeChannels = new ChannelsOwner(channels.Values);
var logger = new CallLogger();
var invokers = channels.ToDictionary(c => c.Key, c => c.Value.Intercept(logger));

// Each identity keeps the profile's endpoint order for it (its own peer first), over the shared channels.
HealthRecordsClient Connect(string identity, HealthRecordsClientOptions? options = null)
{
    var gateway = profile.CreateGatewayOptions(identity);
    return HealthRecordsClient.Connect(profile, gateway with { Endpoints = [], CallInvokers = [.. gateway.Endpoints.Select(e => invokers[e.Address])] }, options);
}
// Kept beside the profile, so a fresh network (a new data folder) starts with fresh sample data.
var data = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(profilePath))!, "sample-data");
var store = new ContentAddressedStore(Path.Combine(data, "cas"));
using var roots = new FileVerifiedRootStore(Path.Combine(data, "verified-roots.json"));
var trusted = new HealthRecordsClientOptions { VerifiedReads = profile.CreateVerifiedReadOptions(), RootStore = roots };

using var alice = Connect("alice", trusted);
using var hospital = Connect("hospital-doctor");
using var clinic = Connect("clinic-doctor");
Console.WriteLine($"Profile {profilePath}: channel {profile.Channel}, chaincode {profile.Chaincode}");

// 1. The patient registers (a second run finds her registered).
try
{
    await alice.RegisterPatientAsync(new RegisterPatientRequest(PatientId), ct);
    Console.WriteLine($"1. {PatientId} registered");
}
catch (HealthRecordsException e) when (e.Code == HealthRecordsErrorCode.Conflict)
{
    Console.WriteLine($"1. {PatientId} was already registered");
}

// 2. The hospital encrypts a lab result for the patient and the clinic, stores it off-chain by its
//    SHA-256, and records only the pointer on the ledger.
var observation = Encoding.UTF8.GetBytes(
    $"{{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{{\"text\":\"HbA1c\"}},\"valueQuantity\":{{\"value\":6.1,\"unit\":\"%\"}},\"issued\":\"{DateTimeOffset.UtcNow:O}\"}}");
var envelope = CmsEnvelope.Encrypt(observation, [profile.LoadIdentity("alice").Certificate, profile.LoadIdentity("clinic-doctor").Certificate]);
var blob = await store.PutAsync(envelope, ct);
var added = await hospital.AddRecordAsync(
    new AddRecordRequest(PatientId, "Observation", "laboratory", blob.Uri, blob.Hash, blob.Size, "application/pkcs7-mime"), ct);
Console.WriteLine($"2. record {added.Record.RecordId} -> {blob.Uri} ({blob.Size} bytes, encrypted for 2 recipients); history leaf {added.History.LeafIndex}");

// 3. The patient lets the clinic read her lab results for treatment.
var consent = await alice.GrantConsentAsync(new GrantConsentRequest(
    PatientId, new Grantee("organization", "Org2MSP"), ["read"], new ConsentScope(["laboratory"]), "treatment"), ct);
Console.WriteLine($"3. consent {consent.Consent.ConsentId} for Org2MSP (laboratory, treatment)");

// 4. The clinic commits an access entry (RequestAccess), then asks the hospital's data server for the
//    document with a signed ReadAccessedRecords query for that entry; the server's ConsentGuard serves
//    only what a committed entry of the clinic covers.
var granted = await clinic.RequestAccessAsync(new ReadRecordRequest(added.Record.RecordId, "treatment"), ct);
var query = await clinic.CreateAccessQueryAsync(granted.Access, profile.LoadSigner("clinic-doctor"), ct);
var guard = new ConsentGuard(hospital.Gateway!);
var decision = await guard.AuthorizeReadAsync(AccessQuery.Decode(query.Encode()), PatientId, added.Record.RecordId, "treatment", ct);
Console.WriteLine($"4. hospital's guard: allowed={decision.Allowed} reason={decision.Reason} for {decision.RequesterMspId}");
if (!decision.Allowed)
{
    return 1;
}

// 5. The clinic reads the pointer through the logged ReadRecord (its proof is verified by the client),
//    checks the served blob against the on-chain hash, and decrypts it with its own key.
var read = await clinic.ReadRecordAsync(new ReadRecordRequest(added.Record.RecordId, "treatment"), ct);
var served = await store.ReadAllBytesAsync(read.Record.Location, ct);
if (!ContentHash.Matches(served, read.Record.ContentHash))
{
    throw new ContentIntegrityException("The served blob does not match the ledger's hash.");
}

using var clinicKey = ECDsa.Create();
clinicKey.ImportFromPem(File.ReadAllText(profile.Identities["clinic-doctor"].KeyPath!));
var plaintext = CmsEnvelope.Decrypt(served, profile.LoadIdentity("clinic-doctor").Certificate, clinicKey);
Console.WriteLine($"5. clinic read {read.Record.RecordId} (access {read.Access.AccessId}, proof leaf {read.Proof.LeafIndex} of {read.Proof.TreeSize}): {Encoding.UTF8.GetString(plaintext)}");

// 6. The patient checks her history: the current root is endorsed by both organisations and proven
//    consistent with the root she verified last time (kept in sample-data/verified-roots.json).
var root = await alice.SyncHistoryRootAsync(PatientId, ct);
var log = await alice.ListAccessLogAsync(new ListAccessLogRequest(PatientId), ct);
Console.WriteLine($"6. history of {PatientId}: {root.TreeSize} entries, root {root.RootHash[..16]}...; access log:");
foreach (var entry in log.Entries)
{
    Console.WriteLine($"   {entry.AccessedAt:u} {entry.Accessor.MspId} {entry.Purpose} {string.Join(",", entry.RecordIds)} basis={entry.Basis}");
}

Console.WriteLine("done");
return 0;
