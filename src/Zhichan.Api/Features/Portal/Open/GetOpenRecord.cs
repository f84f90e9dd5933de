using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>One record with all its public fields, as the public record page has it.</summary>
public static class GetOpenRecord
{
    public static Task<Ok<RecordDetail>> HandleAsync(long id, [FromKeyedServices(DataSources.Read)] NpgsqlDataSource db, RecordsReference reference, IEnumerable<IRecordTimelineSource> sources,
        CurrentUser user, CancellationToken ct) =>
        GetRecord.HandleAsync(id, db, reference, sources, user, ct);
}
