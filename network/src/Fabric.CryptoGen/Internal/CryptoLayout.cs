using System.Text.RegularExpressions;

namespace Fabric.CryptoGen.Internal;

/// <summary>Expands a crypto config into cryptogen's node names, SANs and folder paths.</summary>
internal static partial class CryptoLayout
{
    public static List<OrgPlan> Plan(CryptoConfig config, string root)
    {
        var result = new List<OrgPlan>();
        foreach (var (org, isOrderer) in config.AllOrganizations())
        {
            result.Add(PlanOrg(org, isOrderer, root));
        }

        return result;
    }

    private static OrgPlan PlanOrg(OrgSpec org, bool isOrderer, string root)
    {
        var domain = org.Domain;
        var orgDir = Path.Combine(root, isOrderer ? "ordererOrganizations" : "peerOrganizations", domain);
        var caHost = string.IsNullOrEmpty(org.CA.Hostname) ? "ca" : org.CA.Hostname;
        var caCommonName = Render(org.CA.CommonName ?? "{{.Hostname}}.{{.Domain}}", new() { ["Hostname"] = caHost, ["Domain"] = domain });

        var nodes = new List<NodeMaterial>();
        var nodesDir = Path.Combine(orgDir, isOrderer ? "orderers" : "peers");
        var specs = new List<NodeSpec>(org.Specs);
        for (var i = 0; i < org.Template.Count; i++)
        {
            var hostname = Render(org.Template.Hostname ?? "{{.Prefix}}{{.Index}}", new()
            {
                ["Prefix"] = isOrderer ? "orderer" : "peer",
                ["Index"] = (i + org.Template.Start).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Domain"] = domain,
            });
            specs.Add(new NodeSpec { Hostname = hostname, SubjectAlternativeNames = org.Template.SubjectAlternativeNames });
        }

        foreach (var spec in specs)
        {
            if (string.IsNullOrEmpty(spec.Hostname))
            {
                throw new CryptoConfigException($"organisation '{org.Name}': every entry in Specs needs a Hostname");
            }

            var values = new Dictionary<string, string> { ["Hostname"] = spec.Hostname, ["Domain"] = domain };
            var commonName = Render(spec.CommonName ?? "{{.Hostname}}.{{.Domain}}", values);
            values["CommonName"] = commonName;
            var sans = new List<string> { commonName, spec.Hostname };
            sans.AddRange(spec.SubjectAlternativeNames.Select(s => Render(s, values)));
            var nodeDir = Path.Combine(nodesDir, commonName);
            var msp = Path.Combine(nodeDir, "msp");
            var tls = Path.Combine(nodeDir, "tls");
            nodes.Add(new NodeMaterial(
                commonName,
                spec.Hostname,
                nodeDir,
                msp,
                Path.Combine(msp, "signcerts", commonName + "-cert.pem"),
                Path.Combine(msp, "keystore", "priv_sk"),
                Path.Combine(tls, "ca.crt"),
                Path.Combine(tls, "server.crt"),
                Path.Combine(tls, "server.key"),
                sans.Distinct(StringComparer.Ordinal).ToList()));
        }

        var usersDir = Path.Combine(orgDir, "users");
        var users = new List<UserMaterial>
        {
            User(usersDir, domain, "Admin", isAdmin: true, isNamed: false, AttributesFor("Admin", "admin", org.Users.AdminAttributes)),
        };
        for (var i = 1; i <= org.Users.Count; i++)
        {
            users.Add(User(usersDir, domain, "User" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), false, false, new Dictionary<string, string>()));
        }

        foreach (var named in org.Users.Named)
        {
            users.Add(User(usersDir, domain, named.Name, false, true, AttributesFor(named.Name, "client", named.Attributes)));
        }

        var material = new OrganizationMaterial(
            org.Name,
            org.EffectiveMspId,
            domain,
            isOrderer,
            org.EnableNodeOUs,
            orgDir,
            Path.Combine(orgDir, "msp"),
            Path.Combine(orgDir, "ca", caCommonName + "-cert.pem"),
            Path.Combine(orgDir, "ca", "priv_sk"),
            Path.Combine(orgDir, "tlsca", "tls" + caCommonName + "-cert.pem"),
            Path.Combine(orgDir, "tlsca", "priv_sk"),
            nodes,
            users);
        var subject = new CertificateSubjectOptions
        {
            Country = string.IsNullOrEmpty(org.CA.Country) ? "US" : org.CA.Country,
            Province = string.IsNullOrEmpty(org.CA.Province) ? "California" : org.CA.Province,
            Locality = string.IsNullOrEmpty(org.CA.Locality) ? "San Francisco" : org.CA.Locality,
            OrganizationalUnit = NullIfEmpty(org.CA.OrganizationalUnit),
            StreetAddress = NullIfEmpty(org.CA.StreetAddress),
            PostalCode = NullIfEmpty(org.CA.PostalCode),
        };
        return new OrgPlan(org, material, caCommonName, subject);
    }

    private static UserMaterial User(string usersDir, string domain, string name, bool isAdmin, bool isNamed, IReadOnlyDictionary<string, string> attributes)
    {
        var commonName = $"{name}@{domain}";
        var dir = Path.Combine(usersDir, commonName);
        var msp = Path.Combine(dir, "msp");
        var tls = Path.Combine(dir, "tls");
        return new UserMaterial(
            name,
            commonName,
            isAdmin,
            isNamed,
            attributes,
            dir,
            msp,
            Path.Combine(msp, "signcerts", commonName + "-cert.pem"),
            Path.Combine(msp, "keystore", "priv_sk"),
            Path.Combine(tls, "ca.crt"),
            Path.Combine(tls, "client.crt"),
            Path.Combine(tls, "client.key"));
    }

    // Fabric CA adds hf.EnrollmentID, hf.Type and hf.Affiliation to every enrolment certificate.
    private static Dictionary<string, string> AttributesFor(string enrollmentId, string type, Dictionary<string, string> attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (attributes.Count == 0)
        {
            return result;
        }

        result["hf.Affiliation"] = "";
        result["hf.EnrollmentID"] = enrollmentId;
        result["hf.Type"] = type;
        foreach (var pair in attributes)
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Expands Go-template references such as <c>{{.Hostname}}</c>; an unknown name is an error.</summary>
    internal static string Render(string template, Dictionary<string, string> values) =>
        TemplateReference().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            return values.TryGetValue(name, out var value)
                ? value
                : throw new CryptoConfigException($"unknown template field '{{{{.{name}}}}}' in '{template}'");
        });

    [GeneratedRegex(@"\{\{\s*\.([A-Za-z]+)\s*\}\}")]
    private static partial Regex TemplateReference();
}

/// <summary>One organisation's expanded plan.</summary>
internal sealed record OrgPlan(OrgSpec Spec, OrganizationMaterial Material, string CaCommonName, CertificateSubjectOptions Subject);
