using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Zhichan.Api.Platform.Auth;

/// <summary>Keeps the data-protection key ring in PostgreSQL so every instance reads and writes the same keys.</summary>
public sealed class DbXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            using var cmd = db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
            using var r = cmd.ExecuteReader();
            var list = new List<XElement>();
            while (r.Read()) list.Add(XElement.Parse(r.GetString(0)));
            return list;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return []; // before the migrations ran
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = db.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        cmd.ExecuteNonQuery();
    }

    public static void Add(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("zhichan");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
    }
}
