using NetTrainer.Cli;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Comparison;

/// <summary>
/// Bad input to `compare` (and `train --report`): exit 2 with one "nettrainer: " line naming the problem, before
/// any training starts and without writing any file.
/// </summary>
public class CompareErrorTests : CompareFixture
{
    private const string Costs = "expected one of quadratic, cross-entropy, nll.";

    [TestCase("bogus:sigmoid", "--runs: 'bogus:sigmoid': unknown cost 'bogus'; " + Costs,
        TestName = "Compare_with_an_unknown_cost_in_runs_exits_2_naming_the_entry_and_the_costs")]
    [TestCase("quadratic:sigmoid,nll:tanh@0.1", "--runs: 'nll:tanh@0.1': unknown output activation 'tanh'; expected one of sigmoid, softmax.",
        TestName = "Compare_with_an_unknown_output_activation_in_runs_exits_2_naming_the_entry_and_the_activations")]
    [TestCase("quadratic:sigmoid@fast", "--runs: 'quadratic:sigmoid@fast' has learning rate 'fast', which is not a number (e.g. 0.5).",
        TestName = "Compare_with_a_malformed_learning_rate_in_runs_exits_2_naming_the_entry")]
    [TestCase("quadratic:sigmoid@0", "--runs: 'quadratic:sigmoid@0' has learning rate '0', which must be a positive learning rate; got 0.",
        TestName = "Compare_with_a_zero_learning_rate_in_runs_exits_2_naming_the_entry")]
    [TestCase("quadratic-sigmoid", "--runs: 'quadratic-sigmoid' is not COST:OUTPUT or COST:OUTPUT@ETA (e.g. quadratic:sigmoid@3.0,nll:softmax@0.1).",
        TestName = "Compare_with_a_runs_entry_that_is_not_cost_colon_output_exits_2_showing_the_form")]
    public void Compare_with_a_bad_runs_list_exits_2_before_training(string runs, string message) =>
        AssertRefusedBeforeTraining(Compare("--runs", runs), message);

    [TestCase("0.1,fast", "--eta: 'fast' is not a number (e.g. 0.5).", TestName = "Compare_with_a_malformed_learning_rate_in_the_sweep_exits_2_naming_it")]
    [TestCase("0.1,-3", "--eta: '-3' must be a positive learning rate; got -3.", TestName = "Compare_with_a_negative_learning_rate_in_the_sweep_exits_2_naming_it")]
    public void Compare_with_a_bad_eta_sweep_exits_2_before_training(string etas, string message) =>
        AssertRefusedBeforeTraining(Compare("--eta", etas), message);

    [Test]
    public void Compare_with_a_learning_rate_both_in_runs_and_swept_exits_2_asking_to_drop_one() =>
        AssertRefusedBeforeTraining(Compare("--runs", "nll:softmax@0.1", "--eta", "0.5,1"),
            "--runs: 'nll:softmax@0.1' sets its own learning rate, and --eta sweeps them; drop one of the two.");

    [TestCase("training", TestName = "Compare_evaluated_on_the_training_data_exits_2_offering_the_held_out_sets")]
    [TestCase("holdout", TestName = "Compare_evaluated_on_an_unknown_set_exits_2_offering_only_the_held_out_sets")]
    public void Compare_offers_only_held_out_data_to_evaluate_on(string set) =>
        AssertRefusedBeforeTraining(Compare("--evaluate-on", set), $"--evaluate-on: '{set}' is not one of validation, test.");

    [TestCase("--csv")]
    [TestCase("--report")]
    public void Compare_with_an_output_file_in_a_missing_folder_exits_2_naming_the_folder(string option)
    {
        string path = InDir(Path.Combine("missing", "out.file"));

        AssertRefusedBeforeTraining(Compare(option, path), $"{option} {path}: the folder {InDir("missing")} does not exist.");
    }

    [Test]
    public void Compare_with_a_folder_as_the_report_exits_2_asking_for_a_file_name()
    {
        string folder = InDir("reports");
        Directory.CreateDirectory(folder);

        AssertRefusedBeforeTraining(Compare("--report", folder), $"--report {folder}: is a folder; give a file name.");
    }

    [Test]
    public void Compare_with_a_report_that_cannot_be_written_exits_2_saying_so()
    {
        // /proc takes no new files, not even from root (for whom permissions would not stop the write).
        Assume.That(OperatingSystem.IsLinux() && Directory.Exists("/proc"), "needs Linux's /proc");
        const string path = "/proc/nettrainer-report.html";

        AssertRefusedBeforeTraining(Compare("--report", path),
            $"--report {path}: cannot be written (Could not find file in /proc).");
    }

    [Test]
    public void Compare_with_a_report_in_a_read_only_folder_exits_2_saying_permission_is_denied()
    {
        Assume.That(!OperatingSystem.IsWindows() && Environment.UserName != "root", "root writes to read-only folders");
        string folder = InDir("read-only");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        string path = Path.Combine(folder, "report.html");

        AssertRefusedBeforeTraining(Compare("--report", path), $"--report {path}: cannot be written (permission denied).");
    }

    [Test]
    public void Compare_with_a_network_that_does_not_fit_the_data_exits_2_before_training() =>
        AssertFails(Compare("--sizes", "784,30,10"), ExitCodes.Usage,
            "the network's input layer has 784 neurons but the images have 16 pixels (4x4); use --sizes 16,...");

    [Test]
    public void Train_with_a_report_in_a_missing_folder_exits_2_before_training()
    {
        string path = InDir(Path.Combine("missing", "run.html"));

        AssertFails(Train("--report", path), ExitCodes.Usage, $"--report {path}: the folder {InDir("missing")} does not exist.");
    }

    [TestCase("--csv")]
    [TestCase("--report")]
    public void Compare_with_an_empty_output_path_exits_2_naming_the_option(string option) =>
        AssertRefusedBeforeTraining(Compare(option, ""), $"{option}: the path is empty; give a file name.");

    [Test]
    public void Compare_with_the_csv_and_the_report_in_one_file_exits_2_naming_both() =>
        AssertRefusedBeforeTraining(Compare("--csv", ReportPath, "--report", ReportPath),
            $"--csv and --report both name {ReportPath}; give each its own file.");

    [TestCase("--metrics")]
    [TestCase("--save")]
    [TestCase("--report")]
    public void Train_with_an_empty_output_path_exits_2_naming_the_option(string option) =>
        AssertFails(Train(option, ""), ExitCodes.Usage, $"{option}: the path is empty; give a file name.");

    [TestCase("--metrics", "--report")]
    [TestCase("--save", "--report")]
    [TestCase("--metrics", "--save")]
    public void Train_with_two_outputs_in_one_file_exits_2_naming_both(string first, string second)
    {
        string path = InDir("run.out");

        AssertFails(Train(second, path, first, Path.Combine(Dir, ".", "run.out")), ExitCodes.Usage,
            $"{first} and {second} both name {path}; give each its own file.");
        Assert.That(File.Exists(path), Is.False, "a file written");
    }

    [Test]
    public void Compare_with_eta_given_twice_exits_2_asking_for_one_comma_separated_list() =>
        AssertRefusedBeforeTraining(Compare("--eta", "0.5", "--eta", "1"),
            "give --eta once, comma-separated (e.g. 0.1,0.5,3.0); got '0.5' and '1'.");

    [Test]
    public void Compare_with_a_learning_rate_listed_twice_in_the_sweep_exits_2_blaming_eta_not_runs() =>
        AssertRefusedBeforeTraining(Compare("--eta", "0.1,0.10"), "--eta: 0.1 is listed twice; give each learning rate once.");
}
