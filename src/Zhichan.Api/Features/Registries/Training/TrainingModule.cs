using Microsoft.AspNetCore.Mvc;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>服务与人才 · 培训 (issue 21 §3): events, registration, check-in by list or QR code, certificates, hours, 知识产权培训人次.</summary>
public sealed class TrainingModule : IFeatureModule
{
    public int Order => 62;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TrainingCheckInTokens>();
        services.AddSingleton<IModuleIndicator, TrainingAttendanceIndicator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var upload = new RequestSizeLimitAttribute(UploadedFiles.MaxFileBytes + 1024 * 1024);
        var all = app.MapGroup("/api/registries/training").WithTags("Registries").RequireAuthorization(Policies.SignedIn);
        all.MapGet("/events", ListTrainingEvents.HandleAsync).WithName("ListTrainingEvents").WithSummary("培训活动（含报名、签到、证书人数和本人报名情况）");
        all.MapGet("/events/{id:long}", GetTrainingEvent.HandleAsync).WithName("GetTrainingEvent").WithSummary("培训活动详情").ProducesProblem(404);
        all.MapPost("/events/{id:long}/registrations/mine", RegisterForTraining.HandleAsync).WithName("RegisterForTraining")
            .WithSummary("本人报名（企业、服务机构、专家账号）").ProducesProblem(404);
        all.MapDelete("/events/{id:long}/registrations/mine", CancelMyTrainingRegistration.HandleAsync).WithName("CancelMyTrainingRegistration")
            .WithSummary("取消本人报名（签到前）").ProducesProblem(404);
        all.MapPost("/check-in", CheckInToTraining.HandleAsync).WithName("CheckInToTraining").WithSummary("扫码签到：登录后凭二维码中的签到码签到");
        all.MapGet("/mine", ListMyTrainingRegistrations.HandleAsync).WithName("ListMyTrainingRegistrations").WithSummary("本人的培训：报名、签到、证书、学时");
        all.MapGet("/registrations/{registrationId:long}/certificate", DownloadTrainingCertificate.HandleAsync).WithName("DownloadTrainingCertificate")
            .WithSummary("下载培训证书（Word；本人或知识产权局）").ProducesProblem(404);


        var staff = app.MapGroup("/api/registries/training/events").WithTags("Registries").RequireAuthorization(Policies.Staff);
        staff.MapPost("/", CreateTrainingEvent.HandleAsync).WithName("CreateTrainingEvent").WithSummary("新建培训计划");
        staff.MapPut("/{id:long}", UpdateTrainingEvent.HandleAsync).WithName("UpdateTrainingEvent").WithSummary("修改培训计划、截止或重开报名、取消培训");
        staff.MapGet("/{id:long}/registrations", ListTrainingRegistrations.HandleAsync).WithName("ListTrainingRegistrations")
            .WithSummary("参训名单：报名、签到、证书（电话脱敏）").ProducesProblem(404);
        staff.MapPost("/{id:long}/registrations", AddTrainingRegistrations.HandleAsync).WithName("AddTrainingRegistrations").WithSummary("登记参训名单");
        staff.MapDelete("/{id:long}/registrations/{registrationId:long}", DeleteTrainingRegistration.HandleAsync).WithName("DeleteTrainingRegistration")
            .WithSummary("删除报名记录（已发证的除外）");
        staff.MapPost("/{id:long}/attendance", RecordTrainingAttendance.HandleAsync).WithName("RecordTrainingAttendance").WithSummary("名单签到或撤销签到");
        staff.MapPost("/{id:long}/attendance/import", ImportTrainingAttendance.HandleAsync).WithName("ImportTrainingAttendance")
            .WithSummary("导入签到表 Excel（中文表头；逐行报错，出错行不入库）").DisableAntiforgery().WithMetadata(upload);
        staff.MapPost("/{id:long}/check-in-code", CreateTrainingCheckInCode.HandleAsync).WithName("CreateTrainingCheckInCode")
            .WithSummary("生成签到二维码（含有效期的签名签到码）");
        staff.MapPost("/{id:long}/certificates", IssueTrainingCertificates.HandleAsync).WithName("IssueTrainingCertificates").WithSummary("为已签到人员颁发培训证书");
    }
}
