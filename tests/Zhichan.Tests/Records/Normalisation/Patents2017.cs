using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

/// <summary>One row of patents/cn-invention-2017.csv.gz (the columns the normalisation tests use).</summary>
public sealed record Patent2017Row(
    string ApplicationNo, string ApplicationDate, string PublicationNo, string PublicationDate, string Ipc,
    string Applicant, string Inventor, string Address, string Postcode);

/// <summary>The real 2017 CNIPA file and the division list, loaded once per test run.</summary>
public static class Patents2017
{
    private static readonly Lazy<IReadOnlyList<Patent2017Row>> LazyRows = new(Load);
    private static readonly Lazy<RegionGazetteer> LazyGazetteer = new(() => RegionGazetteer.Load(DivisionsFolder));

    public static IReadOnlyList<Patent2017Row> Rows => LazyRows.Value;

    public static RegionGazetteer Gazetteer => LazyGazetteer.Value;

    public static string DivisionsFolder
    {
        get
        {
            TestData.File("reference/admin-divisions/areas.csv");
            return Path.Combine(TestData.Folder, "reference", "admin-divisions");
        }
    }

    private static IReadOnlyList<Patent2017Row> Load()
    {
        using var file = File.OpenRead(TestData.File("patents/cn-invention-2017.csv.gz"));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<Patent2017Row>(216_000);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add(new Patent2017Row(
                csv.GetField("application_no")!, csv.GetField("application_date")!, csv.GetField("publication_no")!,
                csv.GetField("publication_date")!, csv.GetField("ipc")!, csv.GetField("applicant")!, csv.GetField("inventor")!,
                csv.GetField("applicant_address")!, csv.GetField("applicant_postcode")!));
        }
        return rows;
    }
}
