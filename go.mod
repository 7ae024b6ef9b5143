module github.com/loopscope/loopscope

go 1.26.0
