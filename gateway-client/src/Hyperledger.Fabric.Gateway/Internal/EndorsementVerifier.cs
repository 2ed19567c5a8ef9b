using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>
/// Checks a prepared transaction's endorsements before a verifiable read trusts its result. Peers sign
/// proposal_response_payload || endorser; the payload's proposal_hash ties it to our proposal.
/// </summary>
internal static class EndorsementVerifier
{
    public static VerifiedReadResult Verify(string transactionId, ByteString proposalBytes, Envelope envelope, VerifiedReadOptions options, DateTimeOffset now)
    {
        ChaincodeEndorsedAction action;
        ProposalResponsePayload responsePayload;
        Response response;
        try
        {
            var channelHeader = TransactionParts.ChannelHeaderOf(envelope);
            if (channelHeader.TxId != transactionId)
            {
                throw Fail(transactionId, $"the endorsed transaction is {channelHeader.TxId}, not ours");
            }

            action = TransactionParts.EndorsedActionOf(envelope);
            responsePayload = ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload);
            response = TransactionParts.ResponseOf(action);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            throw Fail(transactionId, "the endorsed transaction is malformed: " + e.Message);
        }

        var expectedHash = ProposalBuilder.ProposalHash(Proposal.Parser.ParseFrom(proposalBytes));
        if (!responsePayload.ProposalHash.Span.SequenceEqual(expectedHash))
        {
            throw Fail(transactionId, "the endorsed response does not answer our proposal (proposal hash differs)");
        }

        if (action.Endorsements.Count == 0)
        {
            throw Fail(transactionId, "the response carries no endorsement");
        }

        var verifiers = options.CreateVerifiers();
        var endorsers = new List<Endorser>();
        foreach (var endorsement in action.Endorsements)
        {
            endorsers.Add(VerifyOne(transactionId, action.ProposalResponsePayload, endorsement, verifiers, options, now));
        }

        var organizations = endorsers.Select(e => e.MspId).Distinct(StringComparer.Ordinal).ToList();
        var missing = options.RequiredOrganizations.Where(o => !organizations.Contains(o, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw Fail(transactionId, $"required organisation(s) {string.Join(", ", missing)} did not endorse (endorsed by {string.Join(", ", organizations)})");
        }

        if (organizations.Count < options.MinimumOrganizations)
        {
            throw Fail(transactionId, $"endorsed by {organizations.Count} organisation(s) ({string.Join(", ", organizations)}), {options.MinimumOrganizations} required");
        }

        return new VerifiedReadResult(transactionId, response.Payload.Memory, endorsers);
    }

    private static Endorser VerifyOne(
        string transactionId, ByteString payload, Endorsement endorsement, IReadOnlyDictionary<string, MspVerifier> verifiers, VerifiedReadOptions options, DateTimeOffset now)
    {
        X509Identity identity;
        try
        {
            identity = X509Identity.FromSerializedIdentity(endorsement.Endorser.Span);
        }
        catch (Exception e) when (e is CryptoMaterialException or InvalidProtocolBufferException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw Fail(transactionId, "an endorser identity is not an X.509 identity: " + e.Message);
        }

        if (!verifiers.TryGetValue(identity.MspId, out var verifier))
        {
            throw Fail(transactionId, $"endorser {identity.Id} belongs to {identity.MspId}, an organisation with no trusted CA certificates");
        }

        var validation = verifier.Validate(identity, now, options.RequirePeerRole ? NodeOU.Peer : null);
        if (!validation.IsValid)
        {
            throw Fail(transactionId, $"endorser {identity.Id} of {identity.MspId} is not trusted: {validation.Reason}");
        }

        var signed = new byte[payload.Length + endorsement.Endorser.Length];
        payload.Span.CopyTo(signed);
        endorsement.Endorser.Span.CopyTo(signed.AsSpan(payload.Length));
        if (!EcdsaSignatures.Verify(identity.Certificate, signed, endorsement.Signature.Span, options.HashFamily))
        {
            throw Fail(transactionId, $"the endorsement signature of {identity.Id} ({identity.MspId}) does not verify over {HashName(options.HashFamily)} of the signed bytes (MSP hash family {options.HashFamily.ToString().ToUpperInvariant()}, whatever the key's curve)");
        }

        return new Endorser(identity.MspId, identity, endorsement.Signature.Memory);
    }

    private static string HashName(MspHashFamily family) => family == MspHashFamily.Sha3 ? "SHA3-256" : "SHA-256";

    private static VerificationException Fail(string transactionId, string reason) => new(transactionId, reason);
}
