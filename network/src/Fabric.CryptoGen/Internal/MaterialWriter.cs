using System.Text;

namespace Fabric.CryptoGen.Internal;

/// <summary>Writes PEM and YAML files the way cryptogen does (LF endings; keys readable by the owner only).</summary>
internal static class MaterialWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteText(string path, string text, bool secret = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, s_utf8);
        if (secret && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The NodeOUs config.yaml cryptogen writes (Go yaml marshalling of msp.Configuration).</summary>
    public static string NodeOUsConfig(string caCertificate) =>
        $"""
        NodeOUs:
          Enable: true
          ClientOUIdentifier:
            Certificate: {caCertificate}
            OrganizationalUnitIdentifier: client
          PeerOUIdentifier:
            Certificate: {caCertificate}
            OrganizationalUnitIdentifier: peer
          AdminOUIdentifier:
            Certificate: {caCertificate}
            OrganizationalUnitIdentifier: admin
          OrdererOUIdentifier:
            Certificate: {caCertificate}
            OrganizationalUnitIdentifier: orderer

        """;
}
