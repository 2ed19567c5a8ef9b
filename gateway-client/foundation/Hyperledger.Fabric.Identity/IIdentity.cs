namespace Hyperledger.Fabric.Identity;

/// <summary>
/// An actor on a Fabric network: the MSP that vouches for it and its credentials. Serialised on
/// the wire as <c>msp.SerializedIdentity { mspid, id_bytes }</c>.
/// </summary>
public interface IIdentity
{
    /// <summary>The MSP ID, for example <c>Org1MSP</c>.</summary>
    string MspId { get; }

    /// <summary>The credentials: the PEM-encoded X.509 certificate bytes, exactly as sent in <c>id_bytes</c>.</summary>
    ReadOnlyMemory<byte> Credentials { get; }
}
