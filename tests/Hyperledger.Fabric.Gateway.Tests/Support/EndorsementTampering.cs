using System.Security.Cryptography;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>Rewrites the endorsed action inside a prepared transaction, the way an attacker between client and gateway could.</summary>
public static class EndorsementTampering
{
    public static EndorseResponse MapAction(EndorseResponse response, Action<ChaincodeEndorsedAction> change)
    {
        var envelope = response.PreparedTransaction;
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var transaction = Transaction.Parser.ParseFrom(payload.Data);
        var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
        change(actionPayload.Action);
        transaction.Actions[0].Payload = actionPayload.ToByteString();
        payload.Data = transaction.ToByteString();
        return new EndorseResponse { PreparedTransaction = new Envelope { Payload = payload.ToByteString(), Signature = envelope.Signature } };
    }

    /// <summary>Changes the chaincode's result while keeping the peers' original signatures.</summary>
    public static EndorseResponse ChangeResult(EndorseResponse response, string newResult) => MapAction(response, action =>
    {
        var responsePayload = ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload);
        var chaincodeAction = ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
        chaincodeAction.Response.Payload = ByteString.CopyFromUtf8(newResult);
        responsePayload.Extension = chaincodeAction.ToByteString();
        action.ProposalResponsePayload = responsePayload.ToByteString();
    });

    /// <summary>Points the response at another proposal.</summary>
    public static EndorseResponse ChangeProposalHash(EndorseResponse response) => MapAction(response, action =>
    {
        var responsePayload = ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload);
        responsePayload.ProposalHash = ByteString.CopyFrom(SHA256.HashData("another proposal"u8));
        action.ProposalResponsePayload = responsePayload.ToByteString();
    });

    /// <summary>Drops the endorsements of one organisation.</summary>
    public static EndorseResponse DropOrganization(EndorseResponse response, string mspId) => MapAction(response, action =>
    {
        var kept = action.Endorsements.Where(e => SerializedIdentity.Parser.ParseFrom(e.Endorser).Mspid != mspId).ToList();
        action.Endorsements.Clear();
        action.Endorsements.AddRange(kept);
    });

    /// <summary>Replaces one organisation's endorsement with a valid signature from a certificate its CA never issued.</summary>
    public static EndorseResponse ForgeWithUnknownCa(EndorseResponse response, string mspId) => MapAction(response, action =>
    {
        var (_, leaf, key) = TestIdentities.CreateCaAndLeaf("peer", "peer0.forged.example.com");
        var endorser = new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(leaf.ExportCertificatePem()) }.ToByteString();
        var signed = action.ProposalResponsePayload.Concat(endorser).ToArray();
        var signature = Hyperledger.Fabric.Identity.EcdsaSignatures.ToLowS(key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), ECCurve.NamedCurves.nistP256);
        var index = action.Endorsements.ToList().FindIndex(e => SerializedIdentity.Parser.ParseFrom(e.Endorser).Mspid == mspId);
        action.Endorsements[index] = new Endorsement { Endorser = endorser, Signature = ByteString.CopyFrom(signature) };
    });
}
