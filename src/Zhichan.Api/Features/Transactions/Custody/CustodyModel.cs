using Zhichan.Api.Platform.Workflow;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>A custody contract (托管合同, migration 0051): an enterprise entrusts an agency with the upkeep of a set of rights.</summary>
public sealed class CustodyContract
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public long AgencyId { get; set; }
    public string? RegionCode { get; set; }
    public string ProposedBy { get; set; } = CustodySides.Enterprise;
    public string Status { get; set; } = CustodyStates.Draft;
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public string[] Services { get; set; } = [];
    public decimal? Fee { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A right under a contract; removing it keeps the row (removed_at) so the contract's history stays readable.</summary>
public sealed class CustodyRight
{
    public long Id { get; set; }
    public long ContractId { get; set; }
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public long? RecordId { get; set; }
    public string? Title { get; set; }
    public string? HolderWarning { get; set; }
    public DateTimeOffset AddedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>One step of a contract's life (a transition, a right added or removed, a lapse, an expiry): its timeline.</summary>
public sealed class CustodyEvent : WorkflowEvent
{
    public long ContractId { get; set; }
}

/// <summary>A right an org unit (enterprise or agency) follows without custody: its deadlines join that unit's calendar.</summary>
public sealed class CustodyWatch
{
    public long Id { get; set; }
    public long OrgUnitId { get; set; }
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public long? RecordId { get; set; }
    public string? Title { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A due item marked paid (migration 0052): who, when, the receipt number, the fee and surcharge of that day.</summary>
public sealed class CustodyPayment
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public long? RecordId { get; set; }
    public string ItemKind { get; set; } = "";
    public int Period { get; set; }
    public DateOnly DueDate { get; set; }
    public decimal? Amount { get; set; }
    public decimal? Surcharge { get; set; }
    public DateOnly PaidOn { get; set; }
    public string ReceiptNo { get; set; } = "";
    public long? PaidBy { get; set; }
    public string PaidByName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A right recorded as lapsed (失效) by the daily check: the item whose grace period passed unpaid.</summary>
public sealed class CustodyLapse
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public long? RecordId { get; set; }
    public string ItemKind { get; set; } = "";
    public int Period { get; set; }
    public DateOnly DueDate { get; set; }
    public DateOnly GraceEnd { get; set; }
    public DateTimeOffset RecordedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class CustodyConfigurations : IEntityTypeConfiguration<CustodyContract>, IEntityTypeConfiguration<CustodyRight>, IEntityTypeConfiguration<CustodyEvent>,
    IEntityTypeConfiguration<CustodyWatch>, IEntityTypeConfiguration<CustodyPayment>, IEntityTypeConfiguration<CustodyLapse>
{
    public void Configure(EntityTypeBuilder<CustodyContract> b) => b.ToTable("custody_contracts");
    public void Configure(EntityTypeBuilder<CustodyRight> b) => b.ToTable("custody_rights");
    public void Configure(EntityTypeBuilder<CustodyEvent> b) => b.ToTable("custody_events");
    public void Configure(EntityTypeBuilder<CustodyWatch> b) => b.ToTable("custody_watches");
    public void Configure(EntityTypeBuilder<CustodyPayment> b) => b.ToTable("custody_payments");
    public void Configure(EntityTypeBuilder<CustodyLapse> b) => b.ToTable("custody_lapses");
}

/// <summary>Which side of a contract a user acts for.</summary>
public static class CustodySides
{
    public const string Enterprise = "enterprise", Agency = "agency";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Enterprise] = "企业", [Agency] = "服务机构" };
}

/// <summary>The services a custody contract may cover.</summary>
public static class CustodyServices
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["annual_fee"] = "年费管理", ["monitoring"] = "状态监控", ["renewal"] = "续展", ["records"] = "著录项目变更", ["enforcement"] = "维权监测",
    };
}

/// <summary>
/// The contract's state machine (ADR 0037), one transition table: the side that did not propose the draft confirms it
/// (生效) or declines it; the proposer may withdraw it; either side terminates a live contract; the daily check moves a
/// live contract whose term has ended to 到期. Every transition writes a <see cref="CustodyEvent"/>.
/// </summary>
public static class CustodyStates
{
    public const string Draft = "draft", Active = "active", Terminated = "terminated", Expired = "expired";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Draft] = "草稿", [Active] = "生效", [Terminated] = "终止", [Expired] = "到期",
    };

    /// <summary>
    /// Who may fire an action (ADR 0037, 0039): the proposing side, the other side, either side (party), or the system (daily check);
    /// <see cref="ActorsOf"/> gives the ones the caller holds on a contract.
    /// </summary>
    public const string Proposer = "proposer", Counterparty = "counterparty", Party = "party", System = "system";

    public static readonly StateMachine Machine = new("合同", Names,
        new Dictionary<string, string> { [Proposer] = "提出合同的一方", [Counterparty] = "对方", [Party] = "合同双方", [System] = "系统" },
    [
        new("confirm", [Draft], Active, Counterparty, "确认生效"),
        new("decline", [Draft], Terminated, Counterparty, "拒绝", NoteRequired: true, "理由不能为空"),
        new("withdraw", [Draft], Terminated, Proposer, "撤回"),
        new("terminate", [Active], Terminated, Party, "终止", NoteRequired: true, "理由不能为空"),
        new("expire", [Active], Expired, System, "期满到期"),
    ], new Dictionary<string, string>
    {
        ["create"] = "提出托管合同", ["right_added"] = "增加托管权利", ["right_removed"] = "移出托管权利", ["lapse"] = "权利失效", ["paid"] = "缴费",
    });

    /// <summary>The actors a side holds on the contract: the proposer or the counterparty, and either way a party.</summary>
    public static IReadOnlyCollection<string> ActorsOf(CustodyContract c, string? side) =>
        side is null ? [] : [side == c.ProposedBy ? Proposer : Counterparty, Party];
}
