using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>
/// A scripted Gateway service on loopback for narrow tests of request building, signing and error mapping:
/// it checks every request's signature against the creator's certificate (as a peer does), records the
/// requests, and answers with whatever the test scripted.
/// </summary>
public sealed class FakeGatewayServer : IAsyncDisposable
{
    private GrpcTestServer? _server;

    private FakeGatewayServer()
    {
    }

    public string Address => _server!.Address;

    public List<EvaluateRequest> Evaluations { get; } = [];

    public List<EndorseRequest> Endorsements { get; } = [];

    public List<SubmitRequest> Submissions { get; } = [];

    public List<CommitStatusRequest> StatusRequests { get; } = [];

    public Func<EvaluateRequest, ServerCallContext, Task<EvaluateResponse>> OnEvaluate { get; set; } =
        (_, _) => Task.FromResult(new EvaluateResponse { Result = new Response { Status = 200, Payload = ByteString.CopyFromUtf8("ok") } });

    public Func<EndorseRequest, ServerCallContext, Task<EndorseResponse>> OnEndorse { get; set; } =
        (_, _) => throw new RpcException(new Status(StatusCode.Unimplemented, "endorse not scripted"));

    public Func<SubmitRequest, ServerCallContext, Task<SubmitResponse>> OnSubmit { get; set; } = (_, _) => Task.FromResult(new SubmitResponse());

    public Func<CommitStatusRequest, ServerCallContext, Task<CommitStatusResponse>> OnCommitStatus { get; set; } =
        (_, _) => Task.FromResult(new CommitStatusResponse { Result = TxValidationCode.Valid, BlockNumber = 7 });

    /// <summary>Answers a chaincode-events stream; by default it ends the stream at once.</summary>
    public Func<ChaincodeEventsRequest, IServerStreamWriter<ChaincodeEventsResponse>, ServerCallContext, Task> OnChaincodeEvents { get; set; } = (_, _, _) => Task.CompletedTask;

    public static async Task<FakeGatewayServer> StartAsync(X509Certificate2? certificate = null, X509Certificate2Collection? clientRoots = null)
    {
        var server = new FakeGatewayServer();
        server._server = await GrpcTestServer.StartAsync(new Service(server), certificate, clientRoots);
        return server;
    }

    /// <summary>Stops the server the way Kestrel does (GOAWAY NO_ERROR, then closing what is still open when <paramref name="cancellationToken"/> fires).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _server!.StopAsync(cancellationToken);

    /// <summary>An RpcException carrying gateway.ErrorDetail entries in its status details, as Fabric's gateway sends.</summary>
    public static RpcException Failure(StatusCode code, string message, params (string Address, string MspId, string Message)[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var (address, mspId, text) in details)
        {
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(new Hyperledger.Fabric.Protos.Gateway.ErrorDetail { Address = address, MspId = mspId, Message = text }));
        }

        return new RpcException(new Status(code, message), new Metadata { { "grpc-status-details-bin", status.ToByteArray() } }, message);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static void Verify(SignedProposal signed)
    {
        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        var header = Hyperledger.Fabric.Protos.Common.Header.Parser.ParseFrom(proposal.Header);
        var signatureHeader = Hyperledger.Fabric.Protos.Common.SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        RequireSignature(signatureHeader.Creator, signed.ProposalBytes, signed.Signature);
    }

    private static void RequireSignature(ByteString creator, ByteString message, ByteString signature)
    {
        var identity = X509Identity.FromSerializedIdentity(creator.Span);
        if (!EcdsaSignatures.Verify(identity.Certificate, message.Span, signature.Span))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "signature does not verify"));
        }
    }

    private sealed class Service(FakeGatewayServer owner) : Hyperledger.Fabric.Protos.Gateway.Gateway.GatewayBase
    {
        public override async Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
        {
            Verify(request.ProposedTransaction);
            owner.Evaluations.Add(request);
            return await owner.OnEvaluate(request, context);
        }

        public override async Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context)
        {
            Verify(request.ProposedTransaction);
            owner.Endorsements.Add(request);
            return await owner.OnEndorse(request, context);
        }

        public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
        {
            owner.Submissions.Add(request);
            return owner.OnSubmit(request, context);
        }

        public override Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context)
        {
            var inner = CommitStatusRequest.Parser.ParseFrom(request.Request);
            RequireSignature(inner.Identity, request.Request, request.Signature);
            owner.StatusRequests.Add(inner);
            return owner.OnCommitStatus(inner, context);
        }

        public override Task ChaincodeEvents(SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context)
        {
            var inner = ChaincodeEventsRequest.Parser.ParseFrom(request.Request);
            RequireSignature(inner.Identity, request.Request, request.Signature);
            return owner.OnChaincodeEvents(inner, responseStream, context);
        }
    }
}
