/// Names in the mix of an English town, including accents and non-Latin scripts, so that
/// screens and reports are exercised as real rolls exercise them. All plainly fictional.
enum Names {
    static let families: [(surnames: [String], girls: [String], boys: [String], weight: Int)] = [
        (["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Green", "Hall", "Wood", "Clarke", "Turner", "Hill", "Cooper", "Ward", "Morris", "Baker", "Harris", "King", "Lewis", "Jackson", "White", "Edwards", "Shaw", "Moore", "Cole"],
         ["Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Grace", "Poppy", "Evie", "Ella", "Ruby", "Florence", "Millie", "Daisy", "Phoebe", "Rosie", "Sophie", "Matilda", "Harper", "Zoë"],
         ["Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Charlie", "Freddie", "Alfie", "Theo", "Archie", "Henry", "Thomas", "Joshua", "Jacob", "Finley", "Reggie", "Toby"], 60),
        (["Khan", "Patel", "Hussain", "Ahmed", "Begum", "Ali", "Shah", "Iqbal", "Mahmood", "Rahman", "Chowdhury", "Kaur", "Singh"],
         ["Aisha", "Fatima", "Maryam", "Zara", "Inaya", "Anaya", "Priya", "Simran", "Noor", "Hafsa", "Amara"],
         ["Muhammad", "Ibrahim", "Yusuf", "Zayn", "Ayaan", "Arjun", "Rohan", "Hamza", "Idris", "Rayan", "Aarav"], 12),
        (["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Lewandowski", "Zieliński", "Dąbrowski", "Popescu", "Ionescu", "Dumitrescu"],
         ["Zuzanna", "Julia", "Małgorzata", "Łucja", "Maja", "Ioana", "Andreea", "Alicja"],
         ["Jakub", "Łukasz", "Szymon", "Mateusz", "Andrei", "Ștefan", "Kacper", "Paweł"], 8),
        (["Okafor", "Adeyemi", "Mensah", "Okonkwo", "Boateng", "Abdi", "Mohamed", "Osei", "Nwosu", "Hassan"],
         ["Adaeze", "Chioma", "Ama", "Nia", "Hodan", "Amina", "Folake", "Zainab"],
         ["Chinedu", "Kwame", "Tobi", "Emeka", "Kofi", "Abdirahman", "Segun", "Daniel"], 8),
        (["O'Brien", "Murphy", "Ó Súilleabháin", "Kelly", "Byrne", "MacLeod", "Ní Bhriain"],
         ["Aoife", "Siobhán", "Niamh", "Caoimhe", "Siân", "Eilídh"],
         ["Seán", "Oisín", "Cian", "Rhys", "Dáithí", "Ruairí"], 5),
        (["李", "王", "陈", "张", "Nguyễn", "Trần", "Kim", "Park"],
         ["小红", "静", "梅", "Linh", "Mai", "Ji-woo"],
         ["伟", "小龙", "浩", "Minh", "Huy", "Seo-jun"], 3),
        (["Silva", "Santos", "Ferreira", "García", "Müller", "Schäfer", "Dubois", "Lefèvre", "Papadopoulos", "Иванов"],
         ["Inês", "Beatriz", "Lucía", "Chloé", "Renée", "Lena", "Ελένη", "Анна"],
         ["João", "Tomás", "José", "Jürgen", "Mathéo", "Björn", "Γιώργος", "Дмитрий"], 4),
    ]

    static let adults = ["Sarah", "Claire", "Emma", "Laura", "Gemma", "Michelle", "Nadia", "Agnieszka", "Ngozi", "Mei",
                         "James", "David", "Paul", "Mark", "Imran", "Tomasz", "Kwabena", "Wei", "Ricardo", "Ciarán"]

    static func family(_ rng: inout SeededRandom) -> (surnames: [String], girls: [String], boys: [String], weight: Int) {
        let total = families.reduce(0) { $0 + $1.weight }
        var roll = rng.int(0...(total - 1))
        for f in families {
            if roll < f.weight { return f }
            roll -= f.weight
        }
        return families[0]
    }
}
