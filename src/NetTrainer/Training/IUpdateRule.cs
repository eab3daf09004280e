using System.Numerics;

namespace NetTrainer.Training;

/// <summary>
/// How one SGD step moves the weights and biases, given backprop's gradient of the summed mini-batch cost
/// (see <see cref="Network{T}.UpdateMiniBatch"/>): the book's weight-decay step or chapter 3's momentum step.
/// </summary>
public interface IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The learning rate η; a schedule may lower it between epochs.</summary>
    T Eta { get; set; }

    /// <summary>Moves <paramref name="network"/>'s parameters by the gradient of a mini-batch of <paramref name="m"/> examples.</summary>
    void Apply(Network<T> network, Gradients<T> gradients, int m);
}
