using System.Globalization;
using TestSupport;
using YamlDotNet.RepresentationModel;

namespace TestNetwork.Tests.Infrastructure;

/// <summary>A compose file read the way Compose reads it: services, networks, substituted values.</summary>
internal sealed class ComposeFile
{
    private ComposeFile(string path, IReadOnlyDictionary<string, ComposeService> services, IReadOnlyDictionary<string, (string? Name, bool External)> networks)
    {
        Path = path;
        Services = services;
        Networks = networks;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>Network key to its <c>name:</c> and <c>external:</c>.</summary>
    public IReadOnlyDictionary<string, (string? Name, bool External)> Networks { get; }

    public static ComposeFile Load(string path, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = Yaml.LoadMapping(path);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        string Sub(string value) => ComposeInterpolation.Resolve(value, environment);

        var services = new Dictionary<string, ComposeService>(StringComparer.Ordinal);
        foreach (var (name, node) in root.Mapping("services").Entries())
        {
            var service = Assert.IsType<YamlMappingNode>(node);
            var build = service.Get("build") as YamlMappingNode;
            var buildContext = build?.ScalarOrNull("context") is { } context
                ? System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, Sub(context)))
                : null;
            services[name] = new ComposeService(
                name,
                Opt(service.ScalarOrNull("image")),
                Opt(service.ScalarOrNull("container_name")),
                Opt(service.ScalarOrNull("hostname")),
                Opt(service.ScalarOrNull("user")),
                ReadEnvironment(service.Get("environment"), Sub),
                ReadStrings(service.Get("ports")).Select(p => ParsePort(Sub(p))).ToList(),
                ReadStrings(service.Get("expose")).Select(Sub).ToList(),
                ReadStrings(service.Get("volumes")).Select(v => ParseVolume(Sub(v), directory)).ToList(),
                ReadNetworks(service.Get("networks")),
                buildContext,
                Opt(build?.ScalarOrNull("dockerfile")));
        }

        var networks = new Dictionary<string, (string? Name, bool External)>(StringComparer.Ordinal);
        if (root.Get("networks") is YamlMappingNode networkNodes)
        {
            foreach (var (key, node) in networkNodes.Entries())
            {
                var network = node as YamlMappingNode;
                networks[key] = (network?.ScalarOrNull("name"), network?.ScalarOrNull("external") == "true");
            }
        }

        return new ComposeFile(path, services, networks);

        string? Opt(string? value) => value is null ? null : Sub(value);
    }

    private static Dictionary<string, string> ReadEnvironment(YamlNode? node, Func<string, string> sub)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Entries())
                {
                    environment[key] = sub(((YamlScalarNode)value).Value ?? string.Empty);
                }

                break;
            case YamlSequenceNode list:
                foreach (var entry in list.Children.Cast<YamlScalarNode>())
                {
                    var text = entry.Value ?? string.Empty;
                    var equals = text.IndexOf('=', StringComparison.Ordinal);
                    environment[equals < 0 ? text : text[..equals]] = equals < 0 ? string.Empty : sub(text[(equals + 1)..]);
                }

                break;
        }

        return environment;
    }

    private static List<string> ReadStrings(YamlNode? node) =>
        node is YamlSequenceNode list ? [.. list.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? string.Empty)] : [];

    private static List<string> ReadNetworks(YamlNode? node) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? string.Empty)],
        YamlMappingNode map => [.. map.Entries().Select(e => e.Key)],
        _ => [],
    };

    private static PortMapping ParsePort(string text)
    {
        var parts = text.Split('/')[0].Split(':');
        var container = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        return parts.Length switch
        {
            1 => new PortMapping(null, container, container),
            2 => new PortMapping(null, int.Parse(parts[0], CultureInfo.InvariantCulture), container),
            _ => new PortMapping(string.Join(':', parts[..^2]), int.Parse(parts[^2], CultureInfo.InvariantCulture), container),
        };
    }

    private static VolumeMount ParseVolume(string text, string directory)
    {
        var parts = text.Split(':');
        Assert.True(parts.Length is 2 or 3, $"volume '{text}' is not source:target[:mode]");
        var source = parts[0];
        var isBind = source.StartsWith('.') || source.StartsWith('/');
        return new VolumeMount(isBind ? System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, source)) : source, parts[1], isBind);
    }
}
