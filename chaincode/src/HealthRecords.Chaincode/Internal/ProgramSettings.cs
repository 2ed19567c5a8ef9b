using Hyperledger.Fabric.Shim;
using Microsoft.Extensions.Logging;

namespace HealthRecords.Chaincode.Internal;

/// <summary>What the process reads from its environment besides the shim's own variables.</summary>
internal static class ProgramSettings
{
    /// <summary>The log level variable the official shims also read (debug, info, warning, error; default info).</summary>
    public const string LogLevelVariable = "CORE_CHAINCODE_LOGGING_LEVEL";

    /// <summary>Printed to standard error when the configuration is wrong.</summary>
    public static string Usage { get; } = $"""
        usage: HealthRecords.Chaincode (configured by environment variables)
          {ChaincodeServerOptions.ChaincodeIdVariable}                      required: the package id the peers installed (label:sha256)
          {ChaincodeServerOptions.ServerAddressVariable}          required: host:port to listen on, e.g. 0.0.0.0:9999
          {ChaincodeServerOptions.TlsCertificateFileVariable}           optional: PEM server certificate (TLS on; needs the key file)
          {ChaincodeServerOptions.TlsKeyFileVariable}            optional: PEM private key of that certificate
          {ChaincodeServerOptions.TlsClientCaCertificateFileVariable} optional: PEM CA certificates of peers (mutual TLS)
          {LogLevelVariable}        optional: debug, info (default), warning, error
        see docs/chaincode.md
        """;

    /// <summary>Parses the log level; unset or empty means <see cref="LogLevel.Information"/>.</summary>
    public static bool TryParseLogLevel(string? value, out LogLevel level)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case null or "":
            case "INFO" or "INFORMATION":
                level = LogLevel.Information;
                return true;
            case "DEBUG":
                level = LogLevel.Debug;
                return true;
            case "WARNING" or "WARN":
                level = LogLevel.Warning;
                return true;
            case "ERROR" or "CRITICAL":
                level = LogLevel.Error;
                return true;
            default:
                level = LogLevel.Information;
                return false;
        }
    }
}
