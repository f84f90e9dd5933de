using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Tests.Platform;

/// <summary>The shared state machine (ADR 0039): what it offers and each kind of refusal, with the status and the Chinese sentence.</summary>
public class WorkflowStateMachineTests
{
    private static readonly StateMachine Machine = new("合同",
        new Dictionary<string, string> { ["draft"] = "草稿", ["active"] = "生效", ["ended"] = "终止" },
        new Dictionary<string, string> { ["owner"] = "提出方", ["other"] = "对方" },
    [
        new("confirm", ["draft"], "active", "other", "确认生效"),
        new("withdraw", ["draft"], "ended", "owner", "撤回"),
        new("terminate", ["active"], "ended", "owner", "终止", NoteRequired: true),
        new("terminate", ["active"], "ended", "other", "终止", NoteRequired: true, "请说明终止的理由"),
        new("remark", ["draft", "active"], null, "owner", "备注"),
    ], new Dictionary<string, string> { ["create"] = "提出合同" });

    [Fact]
    public void Allowed_OffersOnlyTheCallersTransitionsFromTheState()
    {
        Machine.Allowed("draft", "owner").Select(t => t.Action).ShouldBe(["withdraw", "remark"]);
        Machine.Allowed("draft", ["owner", "other"]).Select(t => t.Action).ShouldBe(["confirm", "withdraw", "remark"]);
        Machine.Allowed("ended", ["owner", "other"]).ShouldBeEmpty();
        Machine.ActionLabel("create").ShouldBe("提出合同");
        Machine.ActionLabel("confirm").ShouldBe("确认生效");
    }

    [Fact]
    public void Find_UnknownAction_Is400_ListingTheActions()
    {
        var e = Should.Throw<DomainException>(() => Machine.Find("fly", "draft", "owner"));
        e.Status.ShouldBe(400);
        e.Message.ShouldStartWith("操作“fly”无效，应为：confirm（确认生效）、withdraw（撤回）");
    }

    [Fact]
    public void Find_WrongActor_Is403_NamingWhoMust()
    {
        var e = Should.Throw<DomainException>(() => Machine.Find("confirm", "draft", "owner"));
        e.Status.ShouldBe(403);
        e.Message.ShouldBe("“确认生效”须由对方办理");
        Should.Throw<DomainException>(() => Machine.Find("withdraw", "draft", Array.Empty<string>())).Status.ShouldBe(403);
    }

    [Fact]
    public void Find_WrongState_Is409_NamingTheStatesThatWouldAllowIt()
    {
        var e = Should.Throw<DomainException>(() => Machine.Find("confirm", "active", "other"));
        e.Status.ShouldBe(409);
        e.Message.ShouldBe("合同当前状态为“生效”，不能确认生效（仅“草稿”状态可以）");
    }

    [Fact]
    public void Find_MissingReason_Is400_OnTheNoteField()
    {
        var e = Should.Throw<RequestValidationException>(() => Machine.Find("terminate", "active", "owner", "  "));
        e.Errors["note"].ShouldBe(["终止须填写理由"]);
        e.Message.ShouldBe("终止须填写理由");
        Should.Throw<RequestValidationException>(() => Machine.Find("terminate", "active", "other")).Errors["note"].ShouldBe(["请说明终止的理由"]);
        Machine.Find("terminate", "active", "other", "合同提前解除").To.ShouldBe("ended");
    }

    [Fact]
    public void Find_EventOnlyTransition_KeepsTheState_AndTheEventRecordsIt()
    {
        var t = Machine.Find("remark", "active", "owner");
        t.To.ShouldBeNull();
        var e = new TestEvent().Of<TestEvent>(t, "active", CurrentUser.System, " 备注 ");
        (e.Action, e.FromState, e.ToState, e.Note, e.ActorName).ShouldBe(("remark", "active", "active", "备注", "system"));
        var view = WorkflowEventView.Of(e, Machine);
        (view.ActionLabel, view.FromLabel, view.ToLabel).ShouldBe(("备注", "生效", "生效"));
    }

    private sealed class TestEvent : WorkflowEvent;
}
