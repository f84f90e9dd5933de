using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Tests.Records.Normalisation;

public class PostcodeIndexTests
{
    private static IEnumerable<(string?, string?)> Samples(string postcode, string city, int n) =>
        Enumerable.Repeat<(string?, string?)>((postcode, city), n);

    [Fact]
    public void Learn_FiveAgreeingSamples_MapsThePostcode()
    {
        var index = PostcodeIndex.Learn(Samples("221008", "320300", 5));

        index.CityFor("221008").ShouldBe("320300");
        index.Count.ShouldBe(1);
    }

    [Fact]
    public void Learn_FourSamples_IsNotEnough()
    {
        PostcodeIndex.Learn(Samples("221008", "320300", 4)).CityFor("221008").ShouldBeNull();
    }

    [Fact]
    public void Learn_NinetyFivePercentAgree_MapsToTheMajority()
    {
        var index = PostcodeIndex.Learn(Samples("518000", "440300", 19).Concat(Samples("518000", "441300", 1)));

        index.CityFor("518000").ShouldBe("440300");
    }

    [Fact]
    public void Learn_NinetyPercentAgree_LeavesThePostcodeOut()
    {
        // 510000 is used all over Guangdong by applicants who only know the provincial capital's postcode.
        var index = PostcodeIndex.Learn(Samples("510000", "440100", 18).Concat(Samples("510000", "440600", 2)));

        index.CityFor("510000").ShouldBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("000000")]
    [InlineData("22100")]
    [InlineData("2210O8")]
    [InlineData(null)]
    public void Learn_MalformedPostcodes_AreIgnored(string? postcode)
    {
        PostcodeIndex.Learn(Samples(postcode!, "320300", 10)).Count.ShouldBe(0);
        PostcodeIndex.Learn(Samples("221008", "320300", 10)).CityFor(postcode).ShouldBeNull();
    }

    [Fact]
    public void FromTable_LearnedTable_RoundTrips()
    {
        var learned = PostcodeIndex.Learn(Samples("221008", "320300", 6).Concat(Samples("014030", "150200", 7)));

        var loaded = PostcodeIndex.FromTable(learned.Table);

        loaded.Table.ShouldBe(learned.Table);
        loaded.CityFor("014030").ShouldBe("150200");   // leading zero kept
    }

    [Fact]
    public void Learn_FromThe2017File_MapsKnownPostcodesAndLeavesProvincialDefaultsOut()
    {
        var resolver = new RegionResolver(Patents2017.Gazetteer);
        var index = PostcodeIndex.Learn(Patents2017.Rows.Select(r => ((string?)r.Postcode, resolver.Resolve(r.Address, r.Postcode).CityCode)));

        index.Count.ShouldBeGreaterThan(3_000);            // measured 3,558
        index.CityFor("221008").ShouldBe("320300");        // 徐州
        index.CityFor("215123").ShouldBe("320500");        // 苏州工业园区
        index.CityFor("100083").ShouldBe("110100");        // 北京海淀
    }
}
