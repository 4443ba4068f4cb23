import glob,os
files=sorted(os.path.relpath(f,'tests/scenarios') for f in glob.glob('tests/scenarios/**/*.json',recursive=True))
out=['// The corpus files, listed so the wasm build can embed them (wasm tests cannot read the disk).',
     '// tests/corpus.rs checks natively that this list matches tests/scenarios/; regenerate with',
     '// `python3 tests/scenarios/list.py > crates/sim/tests/support/corpus_list.rs`.',
     'macro_rules! corpus_files {',
     '    ($($file:literal),* $(,)?) => {',
     '        #[allow(dead_code, reason = "each test target uses one of the two forms")]',
     '        pub const CORPUS: &[(&str, &str)] = &[$(($file, include_str!(concat!("../../../../tests/scenarios/", $file)))),*];',
     '    };',
     '}',
     'corpus_files!(']
out+=['    "%s",'%f for f in files]
out+=[');']
print('\n'.join(out))
