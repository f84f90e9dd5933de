using Microsoft.AspNetCore.Identity;

namespace Zhichan.Api.Features.Accounts;

public sealed record SecondFactorCodeRequest(string? Code);

/// <param name="RecoveryCodes">Shown once: each signs in once in place of a code.</param>
public sealed record SecondFactorEnabledDto(IReadOnlyList<string> RecoveryCodes);

/// <summary>Enables the second factor with a valid code from the app; gives ten one-time recovery codes.</summary>
public static class EnableSecondFactor
{
    public static async Task<Ok<SecondFactorEnabledDto>> HandleAsync(SecondFactorCodeRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        SecondFactor secondFactor, CancellationToken ct)
    {
        new Validation().Required("code", req.Code, "动态验证码").MaxLength("code", req.Code, 20, "动态验证码").ThrowIfInvalid();
        var user = await db.Users.SingleAsync(u => u.Id == me.Id, ct);
        if (user.TotpEnabledAt is not null) throw new DomainException("已启用双因素认证", 409);
        if (user.TotpSecret is null) throw new DomainException("请先获取密钥（扫描二维码）再启用", 409);
        if (secondFactor.Verify(user.TotpSecret, req.Code) is not { } step)
            throw new RequestValidationException("code", "动态验证码不正确，请核对手机时间后重试");
        var codes = SecondFactor.NewRecoveryCodes();
        user.TotpEnabledAt = DateTimeOffset.UtcNow;
        user.TotpLastStep = step;
        // sessions waiting for enrolment end: the next sign-in asks for a code
        user.SecurityStamp = Guid.NewGuid();
        AuditLog.Add(db, me, "second_factor_enable", "users", user.Id.ToString(), null, null);
        await db.SaveChangesAsync(ct);
        await using var conn = await ds.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var del = new NpgsqlCommand("DELETE FROM user_recovery_codes WHERE user_id = $1", conn, tx))
        {
            del.Parameters.Add(new NpgsqlParameter { Value = user.Id });
            await del.ExecuteNonQueryAsync(ct);
        }
        foreach (var code in codes)
        {
            await using var ins = new NpgsqlCommand("INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ($1, $2)", conn, tx);
            ins.Parameters.Add(new NpgsqlParameter { Value = user.Id });
            ins.Parameters.Add(new NpgsqlParameter { Value = SecondFactor.HashRecoveryCode(code) });
            await ins.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SecondFactorEnabledDto(codes));
    }
}
