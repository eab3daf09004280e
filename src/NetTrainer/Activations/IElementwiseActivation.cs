using System.Numerics;

namespace NetTrainer.Activations;

/// <summary>
/// An activation that maps each element on its own and costs enough per element (an exp) that Network splits a wide
/// layer's rows over the threads. (ReLU's max is elementwise too, but never worth a hand-off.)
/// </summary>
internal interface IElementwiseActivation
{
    /// <summary>The work of an exp and a divide, counted in multiply-adds, for Parallelism's threshold.</summary>
    const int ExpWork = 64;

    /// <summary>About how many multiply-adds one element's time is worth (<see cref="ExpWork"/> for an exp), for Parallelism's threshold.</summary>
    int WorkPerElement { get; }

    /// <summary>a = f(z), element by element; every element the same bits whatever the span it is part of.</summary>
    void Forward<T>(ReadOnlySpan<T> z, Span<T> a) where T : unmanaged, IFloatingPointIeee754<T>;
}
