namespace TestNetwork.Tests.Infrastructure;

/// <summary>A fact that needs Docker Compose (v2 plugin or standalone); skipped, with the reason, without it (failed under CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresComposeFactAttribute : FactAttribute
{
    /// <summary>Skips (outside CI) unless a Compose CLI is installed.</summary>
    public RequiresComposeFactAttribute()
    {
        if (ComposeCli.Find() is null && !RequiredTools.MustFail)
        {
            Skip = "needs Docker Compose (the docker compose plugin or docker-compose); `config` parses files without a daemon";
        }
    }
}
