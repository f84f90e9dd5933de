using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>
/// The job runner's lease (ADR 0061): a heartbeat keeps a long job's claim alive past the lease, and a runner whose job was
/// taken over by another runner stops it and records nothing.
/// </summary>
public sealed class JobLeaseTests(JobLeaseTests.Factory app) : IntegrationTest<JobLeaseTests.Factory>(app)
{
    public sealed class Factory : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_JOB_LEASE_SECONDS"] = "3" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IJobHandler, SlowJob>());
        }
    }

    /// <summary>Runs until the test releases it (or it is cancelled), counting its starts and cancellations.</summary>
    public sealed class SlowJob : IJobHandler
    {
        public const string JobKind = "test.slow";
        public string Kind => JobKind;
        public static TaskCompletionSource Release = new();
        public static int Started, Cancelled;

        public async Task RunAsync(JobContext job, CancellationToken ct)
        {
            Interlocked.Increment(ref Started);
            try { await Release.Task.WaitAsync(ct); }
            catch (OperationCanceledException) { Interlocked.Increment(ref Cancelled); throw; }
        }
    }

    private async Task<long> StartSlowJobAsync()
    {
        SlowJob.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        SlowJob.Started = SlowJob.Cancelled = 0;
        var id = await App.Services.GetRequiredService<JobQueue>().EnqueueAsync(SlowJob.JobKind, new { }, null);
        await WaitForAsync(() => Task.FromResult(Volatile.Read(ref SlowJob.Started) == 1), "the job to start");
        return id;
    }

    [Fact]
    public async Task LongJob_OutlivesItsLease_HeartbeatKeepsTheClaim()
    {
        var id = await StartSlowJobAsync();
        // three leases long: without the heartbeat the claim would have expired twice
        var until = DateTime.UtcNow.AddSeconds(9);
        while (DateTime.UtcNow < until)
        {
            (await App.ScalarAsync<bool>("SELECT locked_until > now() FROM jobs WHERE id = $1", id)).ShouldBeTrue("the claim is renewed while the job runs");
            await Task.Delay(250);
        }
        SlowJob.Release.SetResult();
        await WaitForAsync(async () => await App.ScalarAsync<string>("SELECT status FROM jobs WHERE id = $1", id) == "succeeded", "the job to finish");
        (await App.ScalarAsync<int>("SELECT attempts FROM jobs WHERE id = $1", id)).ShouldBe(1);
        SlowJob.Cancelled.ShouldBe(0);
    }

    [Fact]
    public async Task ClaimTakenOver_RunnerStopsItsHandler_AndRecordsNothing()
    {
        var id = await StartSlowJobAsync();
        // what another instance does after this one's lease expired: claim the job for itself
        await App.ExecuteAsync("UPDATE jobs SET locked_by = 'other-instance', locked_until = now() + interval '1 minute', attempts = attempts + 1 WHERE id = $1", id);
        await WaitForAsync(() => Task.FromResult(Volatile.Read(ref SlowJob.Cancelled) == 1), "the handler to be cancelled", TimeSpan.FromSeconds(10));
        // the old runner recorded no outcome: the job is still the other instance's, running
        var row = await App.ScalarAsync<string>("SELECT status || ' ' || locked_by FROM jobs WHERE id = $1", id);
        row.ShouldBe("running other-instance");
        await App.ExecuteAsync("UPDATE jobs SET status = 'failed', locked_until = NULL WHERE id = $1", id);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited in vain for {what}");
            await Task.Delay(50);
        }
    }
}

/// <summary>A stopping instance gives its running job back at once, without counting the run as an attempt (ADR 0061).</summary>
public sealed class JobReleaseTests(JobReleaseTests.Factory app) : IntegrationTest<JobReleaseTests.Factory>(app)
{
    public sealed class Factory : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_JOB_LEASE_SECONDS"] = "60" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IJobHandler, HeldJob>());
        }
    }

    /// <summary>Runs until cancelled (its own statics: the lease tests run in parallel with these).</summary>
    public sealed class HeldJob : IJobHandler
    {
        public const string JobKind = "test.held";
        public string Kind => JobKind;
        public static TaskCompletionSource Release = new();
        public static int Started, Cancelled;

        public async Task RunAsync(JobContext job, CancellationToken ct)
        {
            Interlocked.Increment(ref Started);
            try { await Release.Task.WaitAsync(ct); }
            catch (OperationCanceledException) { Interlocked.Increment(ref Cancelled); throw; }
        }
    }

    [Fact]
    public async Task InstanceStopping_ReleasesItsJob_ForAnotherInstanceAtOnce()
    {
        HeldJob.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HeldJob.Started = HeldJob.Cancelled = 0;
        var id = await App.Services.GetRequiredService<JobQueue>().EnqueueAsync(HeldJob.JobKind, new { }, null);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Volatile.Read(ref HeldJob.Started) == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        HeldJob.Started.ShouldBe(1);
        // the instance shuts down (SIGTERM): its runner stops
        var runner = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<JobRunner>().Single();
        await runner.StopAsync(CancellationToken.None);
        HeldJob.Cancelled.ShouldBe(1);
        (await App.ScalarAsync<bool>("SELECT status = 'running' AND locked_until <= now() AND attempts = 0 FROM jobs WHERE id = $1", id))
            .ShouldBeTrue("claimable by another instance now (not in 60 s), and the interrupted run is not counted as an attempt");
        await App.ExecuteAsync("UPDATE jobs SET status = 'failed', locked_until = NULL WHERE id = $1", id);
    }
}
