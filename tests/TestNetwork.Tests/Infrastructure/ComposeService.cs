namespace TestNetwork.Tests.Infrastructure;

/// <summary>One service of a compose file, after variable substitution.</summary>
internal sealed record ComposeService(
    string Name,
    string? Image,
    string? ContainerName,
    string? Hostname,
    string? User,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyList<VolumeMount> Volumes,
    IReadOnlyList<string> Networks,
    string? BuildContext,
    string? BuildDockerfile)
{
    public string Env(string name) =>
        Environment.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"service {Name} does not set {name}");
}

/// <summary>A published port: <c>[address:]host:container</c>.</summary>
internal sealed record PortMapping(string? HostAddress, int HostPort, int ContainerPort);

/// <summary>A volume entry; <see cref="Source"/> is an absolute path for bind mounts, else the volume name.</summary>
internal sealed record VolumeMount(string Source, string Target, bool IsBind);
