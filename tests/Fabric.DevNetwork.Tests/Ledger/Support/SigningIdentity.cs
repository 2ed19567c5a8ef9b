using Hyperledger.Fabric.Identity;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>An identity with its signer.</summary>
public sealed record SigningIdentity(X509Identity Identity, ISigner Signer);
