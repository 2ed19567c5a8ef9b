using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The consenters a Fabric 3.x BFT channel's block signatures name by number: the <c>Orderers</c> value's
/// ConsenterMapping, each id standing for the serialized identity (MSP ID and certificate) that signed. Fabric's
/// peers look signers up this way only when the channel's capabilities enable BFT (the V3_0 channel capability).
/// </summary>
internal sealed class BftConsenters
{
    private const string BftChannelCapability = "V3_0";

    private readonly Dictionary<uint, ByteString> _identities;

    private BftConsenters(Dictionary<uint, ByteString> identities) => _identities = identities;

    /// <summary>
    /// The consenter set of <paramref name="config"/>; null when its channel capabilities do not enable BFT
    /// (then identifier headers are not looked up, as in Fabric).
    /// </summary>
    /// <exception cref="FormatException">A BFT channel's Capabilities or Orderers value does not decode.</exception>
    public static BftConsenters? FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channel = config.ChannelGroup ?? new ConfigGroup();
        try
        {
            if (!channel.Values.TryGetValue("Capabilities", out var capabilities)
                || !Capabilities.Parser.ParseFrom(capabilities.Value).Capabilities_.ContainsKey(BftChannelCapability))
            {
                return null;
            }

            var identities = new Dictionary<uint, ByteString>();
            if (channel.Groups.TryGetValue("Orderer", out var orderer) && orderer.Values.TryGetValue("Orderers", out var value))
            {
                foreach (var consenter in Orderers.Parser.ParseFrom(value.Value).ConsenterMapping)
                {
                    // the first mapping of an id wins, as Fabric's linear search finds it first
                    identities.TryAdd(consenter.Id, new SerializedIdentity { Mspid = consenter.MspId, IdBytes = consenter.Identity }.ToByteString());
                }
            }

            return new BftConsenters(identities);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FormatException("The channel configuration's Capabilities or Orderers value does not decode.", e);
        }
    }

    /// <summary>The serialized identity of consenter <paramref name="id"/>, or null when the mapping has no such id.</summary>
    public ByteString? Identity(uint id) => _identities.GetValueOrDefault(id);
}
