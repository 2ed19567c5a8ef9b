using System.Text.Json;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>Envelopes, signed proposals and proposal responses written by the official Node classes, read field by field.</summary>
public sealed class ProposalInteropTests(NodeProtosFixture node) : IClassFixture<NodeProtosFixture>
{
    [Fact]
    public void EnvelopeParse_NodeBytes_HeaderFieldsRead()
    {
        var envelope = Envelope.Parser.ParseFrom(node.NodeBytes("Envelope"));
        var payload = Payload.Parser.ParseFrom(envelope.Payload);

        Assert.Equal("envelope-signature", envelope.Signature.ToStringUtf8());
        Assert.Equal("transaction-bytes", payload.Data.ToStringUtf8());
        AssertHeader(payload.Header);
    }

    [Fact]
    public void SignedProposalParse_NodeBytes_InvocationSpecRead()
    {
        var signed = SignedProposal.Parser.ParseFrom(node.NodeBytes("SignedProposal"));
        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;

        Assert.Equal("proposal-signature", signed.Signature.ToStringUtf8());
        AssertHeader(Header.Parser.ParseFrom(proposal.Header));
        Assert.Equal("transient-value", payload.TransientMap["secret"].ToStringUtf8());
        Assert.Equal(ChaincodeSpec.Types.Type.Node, spec.Type);
        Assert.Equal(Samples.Chaincode, spec.ChaincodeId.Name);
        Assert.Equal(30, spec.Timeout);
        Assert.True(spec.Input.IsInit);
        Assert.Equal(["AddRecord", "{\"patient\":\"p1\"}"], spec.Input.Args.Select(a => a.ToStringUtf8()));
    }

    [Fact]
    public void ProposalResponseParse_NodeBytes_ReadWriteSetAndEventRead()
    {
        var response = ProposalResponse.Parser.ParseFrom(node.NodeBytes("ProposalResponse"));
        var payload = ProposalResponsePayload.Parser.ParseFrom(response.Payload);
        var action = ChaincodeAction.Parser.ParseFrom(payload.Extension);
        var rwset = TxReadWriteSet.Parser.ParseFrom(action.Results);
        var ns = Assert.Single(rwset.NsRwset);
        var kv = KVRWSet.Parser.ParseFrom(ns.Rwset);
        var chaincodeEvent = ChaincodeEvent.Parser.ParseFrom(action.Events);

        Assert.Equal(200, response.Response.Status);
        Assert.Equal("endorser-signature", response.Endorsement.Signature.ToStringUtf8());
        Assert.Equal("Org1MSP", SerializedIdentity.Parser.ParseFrom(response.Endorsement.Endorser).Mspid);
        Assert.True(Assert.Single(response.Interest.Chaincodes).NoPrivateReads);
        Assert.Equal("1.0", action.ChaincodeId.Version);
        Assert.Equal("result", action.Response.Payload.ToStringUtf8());
        Assert.Equal(Samples.Chaincode, ns.Namespace);
        Assert.Equal("pvt-hash", Assert.Single(ns.CollectionHashedRwset).PvtRwsetHash.ToStringUtf8());
        Assert.Equal((5UL, 2UL), (kv.Reads[0].Version.BlockNum, kv.Reads[0].Version.TxNum));
        Assert.Equal(RangeQueryInfo.ReadsInfoOneofCase.RawReads, kv.RangeQueriesInfo[0].ReadsInfoCase);
        Assert.True(kv.Writes[1].IsDelete);
        Assert.Equal("VALIDATION_PARAMETER", kv.MetadataWrites[0].Entries[0].Name);
        Assert.Equal(("RecordAdded", Samples.TxId), (chaincodeEvent.EventName, chaincodeEvent.TxId));
    }

    [Fact]
    public async Task NodeDecode_OurChannelHeader_FieldValuesRead()
    {
        var header = Samples.Header();
        var json = await NodeProtosFixture.DecodeAsync("ChannelHeader", ChannelHeader.Parser.ParseFrom(header.ChannelHeader));

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("type").GetInt32());
        Assert.Equal(Samples.Channel, root.GetProperty("channelId").GetString());
        Assert.Equal(Samples.TxId, root.GetProperty("txId").GetString());
        Assert.Equal(7, root.GetProperty("epoch").GetInt32());
        Assert.Equal(1700000000, root.GetProperty("timestamp").GetProperty("seconds").GetInt64());
    }

    private static void AssertHeader(Header header)
    {
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var extension = ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension);
        var creator = SerializedIdentity.Parser.ParseFrom(signatureHeader.Creator);

        Assert.Equal((int)HeaderType.EndorserTransaction, channelHeader.Type);
        Assert.Equal(Samples.Channel, channelHeader.ChannelId);
        Assert.Equal(Samples.TxId, channelHeader.TxId);
        Assert.Equal(7UL, channelHeader.Epoch);
        Assert.Equal(Samples.Time, channelHeader.Timestamp);
        Assert.Equal("tls-hash", channelHeader.TlsCertHash.ToStringUtf8());
        Assert.Equal(Samples.Chaincode, extension.ChaincodeId.Name);
        Assert.Equal(Samples.Nonce, signatureHeader.Nonce);
        Assert.Equal("Org1MSP", creator.Mspid);
        Assert.Equal(Samples.Certificate, creator.IdBytes.ToStringUtf8());
    }
}
