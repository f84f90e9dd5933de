using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Platform.Workflow;

/// <summary>
/// One step of a workflow's history (ADR 0039): the action, the state before and after, the reason, who and when. Each module's
/// event table has these columns (action, from_state, to_state, note, actor_id, actor_name, at) plus the id of its subject;
/// the subclass adds that id and maps the table with <see cref="WorkflowEventMapping.MapWorkflowEvent{T}"/>.
/// </summary>
public abstract class WorkflowEvent
{
    public long Id { get; set; }
    public string Action { get; set; } = "";
    public string? FromState { get; set; }
    public string? ToState { get; set; }
    public string? Note { get; set; }
    public long? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Fills the step from a transition fired by a user (the state after is the transition's, or unchanged).</summary>
    public T Of<T>(Transition t, string from, CurrentUser me, string? note) where T : WorkflowEvent =>
        Of<T>(t.Action, from, t.To ?? from, me, note);

    public T Of<T>(string action, string? from, string? to, CurrentUser me, string? note) where T : WorkflowEvent
    {
        Action = action;
        FromState = from;
        ToState = to;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ActorId = me.Id;
        ActorName = me.Name;
        return (T)this;
    }
}

/// <summary>A workflow step as every page shows it: labels resolved by the state machine, who, when, why.</summary>
public sealed record WorkflowEventView(string Action, string ActionLabel, string? FromState, string? FromLabel, string? ToState, string? ToLabel,
    string? Note, string ActorName, DateTimeOffset At)
{
    public static WorkflowEventView Of(WorkflowEvent e, StateMachine m) =>
        new(e.Action, m.ActionLabel(e.Action), e.FromState, e.FromState is null ? null : m.StateName(e.FromState),
            e.ToState, e.ToState is null ? null : m.StateName(e.ToState), e.Note, e.ActorName, e.At);
}

public static class WorkflowEventMapping
{
    /// <summary>Maps the shared columns of an event table; the subclass's own columns follow the snake-case convention.</summary>
    public static EntityTypeBuilder<T> MapWorkflowEvent<T>(this EntityTypeBuilder<T> b, string table) where T : WorkflowEvent
    {
        b.ToTable(table);
        b.HasKey(e => e.Id);
        return b;
    }
}
