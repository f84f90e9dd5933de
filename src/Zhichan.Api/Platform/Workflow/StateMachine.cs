namespace Zhichan.Api.Platform.Workflow;

/// <summary>
/// One row of a state machine's table: the action, the states it may leave from, the state it reaches, the actor who may fire it
/// (a name the owning module defines: "filer", "bureau", "owner", "proposer" …), its Chinese label, and whether a written
/// reason is required (refusals, returns), with the module's own wording of that refusal when it has one. <paramref name="To"/>
/// null keeps the state (an action that only writes an event).
/// </summary>
public sealed record Transition(string Action, string[] From, string? To, string Actor, string Label, bool NoteRequired = false, string? NoteMessage = null);

/// <summary>
/// The one transition table of a workflow (ADR 0039) and the one way to consult it: what the page offers
/// (<see cref="Allowed"/>) and what the server accepts (<see cref="Find"/>) come from the same rows, and every refusal is a
/// Chinese sentence naming the subject, its state and the states or actor that would be allowed.
/// </summary>
/// <param name="Subject">The noun of the thing in refusals: 备案, 质押, 信息, 对接, 合同, 申报 …</param>
/// <param name="StateNames">Chinese name of every state.</param>
/// <param name="ActorNames">Chinese name of every actor, used in "须由…办理".</param>
public sealed class StateMachine(string subject, IReadOnlyDictionary<string, string> stateNames, IReadOnlyDictionary<string, string> actorNames,
    IReadOnlyList<Transition> table, IReadOnlyDictionary<string, string>? otherActionLabels = null)
{
    public string Subject { get; } = subject;
    public IReadOnlyList<Transition> Table { get; } = table;
    public IReadOnlyDictionary<string, string> StateNames { get; } = stateNames;

    public string StateName(string? state) => state is null ? "" : StateNames.GetValueOrDefault(state, state);

    /// <summary>The label of an action: its transition's, else one of the other actions that write events (create, import …).</summary>
    public string ActionLabel(string action) =>
        Table.FirstOrDefault(t => t.Action == action)?.Label ?? otherActionLabels?.GetValueOrDefault(action) ?? action;

    /// <summary>The transitions any of the caller's actors may fire from the state (what the page offers as buttons).</summary>
    public IEnumerable<Transition> Allowed(string state, IReadOnlyCollection<string> actors) =>
        Table.Where(t => t.From.Contains(state) && actors.Contains(t.Actor));

    public IEnumerable<Transition> Allowed(string state, string actor) => Allowed(state, [actor]);

    /// <summary>
    /// The transition the caller may fire, or a <see cref="DomainException"/>: 400 for an unknown action or a missing required
    /// reason, 409 when the state does not admit the action, 403 when the state does but another actor must do it. The missing
    /// reason is also a field error on "note", so a form shows it under the field.
    /// </summary>
    public Transition Find(string action, string state, IReadOnlyCollection<string> actors, string? note = null)
    {
        var rows = Table.Where(t => t.Action == action).ToList();
        if (rows.Count == 0)
            throw new DomainException($"操作“{action}”无效，应为：{string.Join("、", Table.Select(t => $"{t.Action}（{t.Label}）").Distinct())}", StatusCodes.Status400BadRequest);
        var t = rows.FirstOrDefault(x => x.From.Contains(state) && actors.Contains(x.Actor));
        if (t is null)
        {
            var fromHere = rows.Where(x => x.From.Contains(state)).ToList();
            if (fromHere.Count > 0)
                throw new DomainException($"“{fromHere[0].Label}”须由{string.Join("或", fromHere.Select(x => actorNames.GetValueOrDefault(x.Actor, x.Actor)).Distinct())}办理",
                    StatusCodes.Status403Forbidden);
            var mine = rows.Where(x => actors.Contains(x.Actor)).ToList();
            var allowed = (mine.Count > 0 ? mine : rows).SelectMany(x => x.From).Distinct().Select(StateName).ToList();
            throw new DomainException($"{Subject}当前状态为“{StateName(state)}”，不能{rows[0].Label}（仅“{string.Join("”或“", allowed)}”状态可以）");
        }
        if (t.NoteRequired && string.IsNullOrWhiteSpace(note))
        {
            var message = t.NoteMessage ?? $"{t.Label}须填写理由";
            throw new RequestValidationException(new Dictionary<string, string[]> { ["note"] = [message] }, message);
        }
        return t;
    }

    public Transition Find(string action, string state, string actor, string? note = null) => Find(action, state, [actor], note);
}
