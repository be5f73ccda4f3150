import io
import json

from judging.results.cli import EXIT_BAD_INPUT, main


def _files(tmp_path, scores, weights=None):
    s = tmp_path / "scores.csv"
    s.write_text(scores)
    args = [str(s)]
    if weights is not None:
        w = tmp_path / "weights.csv"
        w.write_text(weights)
        args += ["--weights", str(w)]
    return args


SCORES = "entry,judge,criterion,score\n" + "".join(
    f"E{e},J{j},{c},{(e * 3 + j + k) % 10 + 1}\n"
    for e in range(1, 6)
    for j in range(1, 4)
    for k, c in enumerate(("idea", "craft"))
)


def test_main_json_output(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = main(
        _files(tmp_path, SCORES) + ["--format", "json", "--method", "offset", "--top", "2"],
        stdout=out,
        stderr=err,
    )
    assert (code, err.getvalue()) == (0, "")
    data = json.loads(out.getvalue())
    assert data["method"] == "offset"
    assert data["top_n"] == 2
    assert len(data["entries"]) == 5


def test_main_csv_and_table_output(tmp_path):
    out = io.StringIO()
    assert main(_files(tmp_path, SCORES) + ["--format", "csv", "--bootstrap", "0"], stdout=out) == 0
    assert out.getvalue().startswith(
        "entry,reviews,mean,median,zscore,offset,rank,top_probability,shrunk,score,score_low,"
        "score_high\n"
    )
    out = io.StringIO()
    assert main(_files(tmp_path, SCORES), stdout=out) == 0
    assert out.getvalue().startswith("Method: shrunk")


def test_main_bad_input_exits_2_naming_file_and_line(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    args = _files(tmp_path, "entry,judge,criterion,score\nE1,J1,idea,abc\n")
    assert main(args, stdout=out, stderr=err) == EXIT_BAD_INPUT == 2
    assert err.getvalue() == f"error: {args[0]}, line 2: score 'abc' is not a number\n"
    assert out.getvalue() == ""


def test_main_score_outside_weights_scale_exits_2(tmp_path):
    err = io.StringIO()
    args = _files(
        tmp_path,
        "entry,judge,criterion,score\nE1,J1,idea,7\nE1,J2,idea,0\n",
        weights="criterion,weight,min,max\nidea,1,1,10\n",
    )
    assert main(args, stdout=io.StringIO(), stderr=err) == 2
    assert "scores.csv, line 3: score 0 for criterion 'idea' is outside its scale 1..10" in (
        err.getvalue()
    )
