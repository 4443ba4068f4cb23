fn main() {
    let text = include_str!("../../../tests/scenarios/timeline/working-day.json");
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = roleplay_sim::read(text);
    }
    println!("read {:?}", t.elapsed() / n);
    let s = roleplay_sim::read(text).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..n {
        let mut f = Vec::new();
        let _ = roleplay_sim::World::build(&s, &mut f);
    }
    println!("world {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = roleplay_sim::run(&s);
    }
    println!("run {:?}", t.elapsed() / n);
}
