using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>
/// Case documents have a visibility (ADR 0210): staff uploads are internal unless shared; the complainant's own evidence is shared.
/// Parties and read-only participants (enterprise, expert) list and download only shared documents and their own; a guessed id of an
/// internal document answers 404; the handlers (bureau, district) see everything and can share or unshare, audited.
/// </summary>
public class DocumentVisibilityTests(ProtectionFactory app) : ProtectionTest(app)
{
    private static MultipartFormDataContent Upload(string name, string content, string kind = "document", string? visibility = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(kind), "kind" } };
        if (visibility is not null) form.Add(new StringContent(visibility), "visibility");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", name);
        return form;
    }

    private static List<string> FileNames(JsonElement detail) =>
        detail.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()!).ToList();

    private static long FileId(JsonElement detail, string name) =>
        detail.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == name).GetProperty("id").GetInt64();

    /// <summary>An enterprise's own complaint with one evidence file, an expert on the case, and two internal staff documents.</summary>
    private async Task<(long Id, JsonElement Staff)> CaseWithDocumentsAsync(HttpClient bureau, HttpClient hengrui)
    {
        var body = JsonSerializer.SerializeToNode(Complaint(name: "江苏恒瑞医药股份有限公司", kind: "organisation", phone: "13800000021"), Json)!.AsObject();
        body["evidence"] = new JsonArray(new JsonObject
        {
            ["fileName"] = "购买凭证.pdf", ["contentBase64"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4 receipt")),
        });
        var receipt = await SubmitAsync(hengrui, body);
        var id = await IdOfAsync(receipt.GetProperty("receiptNumber").GetString()!);
        await TransitionAsync(bureau, id, new { action = "accept" });
        var expertId = await App.ScalarAsync<long>("SELECT id FROM users WHERE username = 'expert'");
        (await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/investigators", new { userId = expertId, noConflictDeclared = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var res = await bureau.PostAsync($"/api/protection/cases/{id}/files", Upload("调查笔录.pdf", "%PDF-1.4 notes of the investigation"));
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        res = await bureau.PostAsync($"/api/protection/cases/{id}/files", Upload("处理决定书（草稿）.txt", "草稿：拟责令停止侵权"));
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return (id, await res.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task StaffUploads_AreInternal_PartiesAndExpertsSeeAndDownloadOnlySharedAndOwn_GuessedIdIs404()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var (id, staff) = await CaseWithDocumentsAsync(bureau, hengrui);
        var evidence = FileId(staff, "购买凭证.pdf");
        var notes = FileId(staff, "调查笔录.pdf");
        var draft = FileId(staff, "处理决定书（草稿）.txt");

        // staff see everything, with the visibility: the complainant's evidence shared, their own uploads internal
        FileNames(staff).ShouldBe(["购买凭证.pdf", "调查笔录.pdf", "处理决定书（草稿）.txt"]);
        staff.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("visibility").GetString()).ShouldBe(["shared", "internal", "internal"]);
        staff.GetProperty("files")[1].GetProperty("visibilityLabel").GetString().ShouldBe("仅内部");
        // the district handling its region sees them too
        var lianyun = await App.CreateClientAsAsync("lianyun");
        FileNames(await lianyun.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}")).Count.ShouldBe(3);
        (await lianyun.GetAsync($"/api/protection/cases/{id}/files/{notes}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // the enterprise (the complainant) and the expert: the shared evidence only, in the list and at the download
        var expert = await App.CreateClientAsAsync("expert");
        foreach (var client in new[] { hengrui, expert })
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}");
            FileNames(detail).ShouldBe(["购买凭证.pdf"]);
            (await (await client.GetAsync($"/api/protection/cases/{id}/files/{evidence}")).Content.ReadAsStringAsync()).ShouldBe("%PDF-1.4 receipt");
            foreach (var hidden in new[] { notes, draft })
                await (await client.GetAsync($"/api/protection/cases/{id}/files/{hidden}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
        // the party reads the public timeline only (the upload entries name internal documents): nothing names them
        (await hengrui.GetStringAsync($"/api/protection/cases/{id}")).ShouldNotContain("调查笔录");
        var partyView = await hengrui.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}");
        partyView.GetProperty("events").EnumerateArray().ShouldAllBe(e => e.GetProperty("isPublic").GetBoolean());
        partyView.GetProperty("events").GetArrayLength().ShouldBeGreaterThan(0);
        // an unknown id is 404 in the same way
        await (await hengrui.GetAsync($"/api/protection/cases/{id}/files/999999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StaffSharesDocument_PartySeesAndDownloadsIt_ChangeIsAuditedAndOnTimeline_OthersMayNotChangeIt()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var (id, staff) = await CaseWithDocumentsAsync(bureau, hengrui);
        var notes = FileId(staff, "调查笔录.pdf");

        // neither the party nor the expert may change a visibility
        foreach (var user in new[] { "hengrui", "expert" })
        {
            var client = await App.CreateClientAsAsync(user);
            await (await client.PutAsJsonAsync($"/api/protection/cases/{id}/files/{notes}/visibility", new { visibility = "shared" }))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
        var bad = await (await bureau.PutAsJsonAsync($"/api/protection/cases/{id}/files/{notes}/visibility", new { visibility = "public" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("visibility")[0].GetString()!.ShouldContain("可见范围");
        await (await bureau.PutAsJsonAsync($"/api/protection/cases/{id}/files/999999/visibility", new { visibility = "shared" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await App.ScalarAsync<string>("SELECT visibility FROM complaint_files WHERE id = $1", notes)).ShouldBe("internal");

        var res = await bureau.PutAsJsonAsync($"/api/protection/cases/{id}/files/{notes}/visibility", new { visibility = "shared" });
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        var d = await res.Content.ReadFromJsonAsync<JsonElement>();
        d.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("id").GetInt64() == notes).GetProperty("visibility").GetString().ShouldBe("shared");
        d.GetProperty("events").EnumerateArray().Last().GetProperty("note").GetString()!.ShouldContain("当事人可见");
        var audit = await App.ScalarAsync<string>(
            "SELECT before->>'visibility' || '>' || (after->>'visibility') FROM audit_log WHERE entity = 'complaint_files' AND entity_id = $1 AND action = 'update'", notes.ToString());
        audit.ShouldBe("internal>shared");

        FileNames(await hengrui.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}")).ShouldBe(["购买凭证.pdf", "调查笔录.pdf"]);
        (await (await hengrui.GetAsync($"/api/protection/cases/{id}/files/{notes}")).Content.ReadAsStringAsync()).ShouldBe("%PDF-1.4 notes of the investigation");

        // and back to internal: hidden again
        (await bureau.PutAsJsonAsync($"/api/protection/cases/{id}/files/{notes}/visibility", new { visibility = "internal" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await hengrui.GetAsync($"/api/protection/cases/{id}/files/{notes}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // a document uploaded as shared from the start is the party's at once; a wrong visibility at upload is refused
        res = await bureau.PostAsync($"/api/protection/cases/{id}/files", Upload("受理通知书.txt", "你单位的投诉已受理", visibility: "shared"));
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        FileNames(await hengrui.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}")).ShouldBe(["购买凭证.pdf", "受理通知书.txt"]);
        var wrong = await (await bureau.PostAsync($"/api/protection/cases/{id}/files", Upload("x.txt", "x", visibility: "everyone")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        wrong.GetProperty("errors").GetProperty("visibility").GetArrayLength().ShouldBe(1);
    }
}
