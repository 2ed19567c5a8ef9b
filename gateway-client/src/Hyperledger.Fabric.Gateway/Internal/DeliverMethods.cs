using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>The three calls of the peer's <c>protos.Deliver</c> service, which the official clients' block events use.</summary>
internal static class DeliverMethods
{
    private const string Service = "protos.Deliver";

    public static Method<Envelope, DeliverResponse> Deliver { get; } = Create("Deliver");

    public static Method<Envelope, DeliverResponse> DeliverFiltered { get; } = Create("DeliverFiltered");

    public static Method<Envelope, DeliverResponse> DeliverWithPrivateData { get; } = Create("DeliverWithPrivateData");

    private static Method<Envelope, DeliverResponse> Create(string name) =>
        new(MethodType.DuplexStreaming, Service, name, Marshallers.Create(m => m.ToByteArray(), Envelope.Parser.ParseFrom), Marshallers.Create(m => m.ToByteArray(), DeliverResponse.Parser.ParseFrom));
}
