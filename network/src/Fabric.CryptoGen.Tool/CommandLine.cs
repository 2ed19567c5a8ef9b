namespace Fabric.CryptoGen.Tool;

/// <summary>A small parser for <c>command --name value</c> arguments (options may repeat).</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        fabric-cryptogen: Fabric crypto material (cryptogen layout) and connection profiles.

        Usage:
          fabric-cryptogen generate --config <crypto-config.yaml> --output <dir>
          fabric-cryptogen profile  --crypto <dir> --config <crypto-config.yaml> --output <profile.json>
                                    --peer-url <peer>=<grpcs://host:port> [--peer-url ...]
                                    [--channel healthchannel] [--chaincode healthrecords]
                                    [--name healthrecords-dev] [--client-org Org1]
        """;

    private static readonly string[] s_known = ["config", "output", "crypto", "peer-url", "channel", "chaincode", "name", "client-org"];
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(string[] args)
    {
        var result = new CommandLine(args.Length == 0 ? "" : args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && name[..equals] != "peer-url")
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"option --{name} needs a value");
                }

                value = args[++i];
            }

            if (!s_known.Contains(name))
            {
                throw new ArgumentException($"unknown option --{name}");
            }

            if (!result._options.TryGetValue(name, out var list))
            {
                list = [];
                result._options[name] = list;
            }

            list.Add(value);
        }

        return result;
    }

    public string Require(string name) =>
        Optional(name) ?? throw new ArgumentException($"option --{name} is required for '{Command}'");

    public string? Optional(string name) => _options.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var list) ? list : [];
}
