using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Gemm;

/// <summary>
/// A fixture run once per register width the kernels have: 256 bits (AVX2) and 512 bits (AVX-512; on a CPU without
/// it .NET's software Vector512, which rounds each lane the same way, slowly). The width is forced for the whole
/// process, so these fixtures do not run alongside others.
/// </summary>
[TestFixture(256)]
[TestFixture(512)]
[NonParallelizable]
public abstract class OnEachRegisterWidth(int width)
{
    [SetUp]
    public void ForceWidth() => Simd.ForcedWidth = width;

    [TearDown]
    public void ChooseWidthAgain() => Simd.ForcedWidth = 0;
}
