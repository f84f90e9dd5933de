namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>Applies the transition table of <see cref="CustodyStates"/>: who may fire what from which state, with a Chinese reason when refused.</summary>
public static class CustodyTransitions
{
    public static bool Admits(CustodyStates.Transition t, CustodyContract c, string? side) => t.By switch
    {
        CustodyStates.Actor.Proposer => side == c.ProposedBy,
        CustodyStates.Actor.Counterparty => side is not null && side != c.ProposedBy,
        CustodyStates.Actor.EitherSide => side is not null,
        _ => false,
    };

    public static IEnumerable<CustodyStates.Transition> Allowed(CustodyContract c, string? side) =>
        CustodyStates.Table.Where(t => t.From == c.Status && Admits(t, c, side));

    /// <summary>The transition, or a DomainException: 400 for an unknown action, 403 for the wrong side, 409 from the wrong state.</summary>
    public static CustodyStates.Transition Resolve(CustodyContract c, string? side, string action)
    {
        var candidates = CustodyStates.Table.Where(t => t.Action == action).ToList();
        if (candidates.Count == 0 || candidates.All(t => t.By == CustodyStates.Actor.System))
            throw new DomainException($"操作“{action}”无效，应为：{string.Join("、", CustodyStates.Table.Where(t => t.By != CustodyStates.Actor.System).Select(t => $"{t.Action}（{t.Name}）"))}", 400);
        var t = candidates.FirstOrDefault(x => x.From == c.Status)
                ?? throw new DomainException($"合同当前为“{CustodyStates.Names[c.Status]}”，不能{candidates[0].Name}", 409);
        if (side is null) throw new DomainException("只有合同双方（企业或服务机构）可以办理合同状态变更", 403);
        if (!Admits(t, c, side))
            throw new DomainException(t.By switch
            {
                CustodyStates.Actor.Counterparty => $"本合同由{CustodySides.Names[c.ProposedBy]}提出，须由对方{t.Name}",
                CustodyStates.Actor.Proposer => $"只有提出合同的{CustodySides.Names[c.ProposedBy]}可以{t.Name}",
                _ => $"不能{t.Name}",
            }, 403);
        return t;
    }
}
