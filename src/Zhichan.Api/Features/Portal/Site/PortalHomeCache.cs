namespace Zhichan.Api.Features.Portal.Site;

/// <summary>
/// The last home answer with the key it was built for (ADR 0057). The key is read in one small query from what changes the
/// home: the last indicator computation and value review, the last content change, the last call change and 公示, and the
/// China date (plan status and open windows follow the day). A different key rebuilds; an equal key serves the stored answer.
/// </summary>
public sealed class PortalHomeCache
{
    private (string Key, PortalHomeDto Home)? _last;
    private readonly SemaphoreSlim _build = new(1, 1);

    public const string KeySql = """
        SELECT concat_ws('|',
            (SELECT max(finished_at) FROM indicator_computations),
            (SELECT max(reviewed_at) FROM indicator_values),
            (SELECT max(updated_at) FROM portal_content),
            (SELECT count(*) FROM portal_content WHERE status = 'published'),
            (SELECT max(updated_at) FROM programme_calls),
            (SELECT max(id) FROM programme_application_events WHERE action = 'publicise'),
            (SELECT max(id) FROM plan_goal_targets),
            @today::text)
        """;

    public async Task<PortalHomeDto> GetAsync(string key, Func<Task<PortalHomeDto>> build)
    {
        if (_last is { } hit && hit.Key == key) return hit.Home;
        await _build.WaitAsync();
        try
        {
            if (_last is { } again && again.Key == key) return again.Home;
            var home = await build();
            _last = (key, home);
            return home;
        }
        finally
        {
            _build.Release();
        }
    }
}
