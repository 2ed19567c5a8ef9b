using Fabric.Grpc;
using Fabric.Grpc.Server;
using Fabric.Identity;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.Gateway.Tests.Support;

/// <summary>
/// A scripted Gateway service on loopback for narrow tests of request building, signing and error mapping:
/// it checks every request's signature against the creator's certificate (as a peer does), records the
/// requests, and answers with whatever the test scripted.
/// </summary>
public sealed class FakeGatewayServer : IAsyncDisposable
{
    private readonly GrpcServer _server;

    private FakeGatewayServer(GrpcServerOptions options)
    {
        _server = new GrpcServer(options);
        _server.AddUnary(GatewayService.Evaluate, async (request, context) =>
        {
            Verify(request.ProposedTransaction);
            Evaluations.Add(request);
            return await OnEvaluate(request, context);
        });
        _server.AddUnary(GatewayService.Endorse, async (request, context) =>
        {
            Verify(request.ProposedTransaction);
            Endorsements.Add(request);
            return await OnEndorse(request, context);
        });
        _server.AddUnary(GatewayService.Submit, (request, context) =>
        {
            Submissions.Add(request);
            return OnSubmit(request, context);
        });
        _server.AddUnary(GatewayService.CommitStatus, (request, context) =>
        {
            var inner = CommitStatusRequest.Parser.ParseFrom(request.Request);
            RequireSignature(inner.Identity, request.Request, request.Signature);
            StatusRequests.Add(inner);
            return OnCommitStatus(inner, context);
        });
    }

    public string Address => _server.Address;

    public List<EvaluateRequest> Evaluations { get; } = [];

    public List<EndorseRequest> Endorsements { get; } = [];

    public List<SubmitRequest> Submissions { get; } = [];

    public List<CommitStatusRequest> StatusRequests { get; } = [];

    public Func<EvaluateRequest, ServerCallContext, Task<EvaluateResponse>> OnEvaluate { get; set; } =
        (_, _) => Task.FromResult(new EvaluateResponse { Result = new Response { Status = 200, Payload = ByteString.CopyFromUtf8("ok") } });

    public Func<EndorseRequest, ServerCallContext, Task<EndorseResponse>> OnEndorse { get; set; } =
        (_, _) => throw new RpcException(new Grpc.Status(StatusCode.Unimplemented, "endorse not scripted"));

    public Func<SubmitRequest, ServerCallContext, Task<SubmitResponse>> OnSubmit { get; set; } = (_, _) => Task.FromResult(new SubmitResponse());

    public Func<CommitStatusRequest, ServerCallContext, Task<CommitStatusResponse>> OnCommitStatus { get; set; } =
        (_, _) => Task.FromResult(new CommitStatusResponse { Result = TxValidationCode.Valid, BlockNumber = 7 });

    public static async Task<FakeGatewayServer> StartAsync(GrpcServerOptions? options = null)
    {
        var server = new FakeGatewayServer(options ?? new GrpcServerOptions());
        await server._server.StartAsync();
        return server;
    }

    /// <summary>An RpcException carrying gateway.ErrorDetail entries in its status details, as Fabric's gateway sends.</summary>
    public static RpcException Failure(StatusCode code, string message, params (string Address, string MspId, string Message)[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var (address, mspId, text) in details)
        {
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(new Hyperledger.Fabric.Protos.Gateway.ErrorDetail { Address = address, MspId = mspId, Message = text }));
        }

        return new RpcException(new Grpc.Status(code, message), status);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

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
            throw new RpcException(new Grpc.Status(StatusCode.PermissionDenied, "signature does not verify"));
        }
    }
}
