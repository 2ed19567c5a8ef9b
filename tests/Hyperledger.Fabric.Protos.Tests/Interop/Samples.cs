using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>
/// The fixed messages of tests/interop/protos/fixtures.js (printed by roundtrip.js), built here independently with our
/// generated C# types. Both sides must agree on every value; the tests compare the bytes.
/// </summary>
internal static partial class Samples
{
    public const string Channel = "healthchannel";
    public const string Chaincode = "healthrecords";
    public const string TxId = "tx-0001";
    public const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";

    public static ByteString Nonce { get; } = ByteString.CopyFrom(Enumerable.Range(0, 24).Select(i => (byte)i).ToArray());

    public static Timestamp Time => new() { Seconds = 1700000000, Nanos = 123000000 };

    public static ByteString Utf8(string value) => ByteString.CopyFrom(value, Encoding.UTF8);

    /// <summary>Builds the C# twin of the Node sample <paramref name="name"/>.</summary>
    public static IMessage Build(string name) => name switch
    {
        "Envelope" => Envelope(),
        "SignedProposal" => SignedProposal(),
        "ProposalResponse" => ProposalResponse(),
        "ChaincodeMessage.GetStateByRange" => GetStateByRangeMessage(),
        "ChaincodeMessage.QueryResponse" => QueryResponseMessage(),
        "ChaincodeMessage.Transaction" => TransactionMessage(),
        "ChaincodeMessage.Completed" => CompletedMessage(),
        "ChaincodeMessage.PutStateMetadata" => PutStateMetadataMessage(),
        "Block" => Block(),
        _ => BuildGateway(name),
    };

    /// <summary>Every sample name, in the order roundtrip.js prints them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "Envelope", "SignedProposal", "ProposalResponse",
        "ChaincodeMessage.GetStateByRange", "ChaincodeMessage.QueryResponse", "ChaincodeMessage.Transaction",
        "ChaincodeMessage.Completed", "ChaincodeMessage.PutStateMetadata", "Block",
        "EndorseRequest", "EndorseResponse", "SubmitRequest", "SubmitResponse", "SignedCommitStatusRequest",
        "CommitStatusResponse", "EvaluateRequest", "EvaluateResponse", "SignedChaincodeEventsRequest",
        "ChaincodeEventsResponse", "Status.ErrorDetail",
    ];

    public static ByteString Creator() =>
        new SerializedIdentity { Mspid = "Org1MSP", IdBytes = Utf8(Certificate) }.ToByteString();

    public static Header Header()
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            Version = 1,
            Timestamp = Time,
            ChannelId = Channel,
            TxId = TxId,
            Epoch = 7,
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = Chaincode } }.ToByteString(),
            TlsCertHash = Utf8("tls-hash"),
        };
        var signatureHeader = new SignatureHeader { Creator = Creator(), Nonce = Nonce };
        return new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() };
    }

    public static Envelope Envelope()
    {
        var payload = new Payload { Header = Header(), Data = Utf8("transaction-bytes") };
        return new Envelope { Payload = payload.ToByteString(), Signature = Utf8("envelope-signature") };
    }

    public static SignedProposal SignedProposal()
    {
        var input = new ChaincodeInput { IsInit = true };
        input.Args.Add(Utf8("AddRecord"));
        input.Args.Add(Utf8("{\"patient\":\"p1\"}"));
        var spec = new ChaincodeSpec
        {
            Type = ChaincodeSpec.Types.Type.Node,
            ChaincodeId = new ChaincodeID { Name = Chaincode },
            Input = input,
            Timeout = 30,
        };
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec { ChaincodeSpec = spec }.ToByteString(),
        };
        payload.TransientMap.Add("secret", Utf8("transient-value"));
        var proposal = new Proposal { Header = Header().ToByteString(), Payload = payload.ToByteString() };
        return new SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = Utf8("proposal-signature") };
    }

    public static Response Response(int status, string message, string payload) =>
        new() { Status = status, Message = message, Payload = Utf8(payload) };

    public static ChaincodeEvent ChaincodeEvent() => new()
    {
        ChaincodeId = Chaincode,
        TxId = TxId,
        EventName = "RecordAdded",
        Payload = Utf8("{\"id\":\"r1\"}"),
    };
}
